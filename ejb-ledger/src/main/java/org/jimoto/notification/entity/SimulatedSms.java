package org.jimoto.notification.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.LocalDateTime;

/** A message the SMS simulator "sent": kept so that its page can show it. Never changed. */
@Entity
@Table(name = "simulated_sms")
public class SimulatedSms {

  @Id
  @SequenceGenerator(
      name = "simulated_sms_seq",
      sequenceName = "simulated_sms_seq",
      allocationSize = 50)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "simulated_sms_seq")
  private Long id;

  @Column(nullable = false, updatable = false)
  private String phone;

  @Column(nullable = false, updatable = false)
  private String body;

  @Column(name = "sent_at", nullable = false, updatable = false)
  private LocalDateTime sentAt;

  protected SimulatedSms() {}

  public SimulatedSms(String phone, String body, LocalDateTime sentAt) {
    this.phone = phone;
    this.body = body;
    this.sentAt = sentAt;
  }

  public Long getId() {
    return id;
  }

  public String getPhone() {
    return phone;
  }

  public String getBody() {
    return body;
  }

  public LocalDateTime getSentAt() {
    return sentAt;
  }
}
