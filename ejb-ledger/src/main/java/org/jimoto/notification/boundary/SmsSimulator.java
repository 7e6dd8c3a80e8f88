package org.jimoto.notification.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import org.jimoto.notification.control.SimulatedSmsGateway;
import org.jimoto.notification.entity.SimulatedSms;
import org.jimoto.platform.boundary.Simulators;

/**
 * What the SMS simulator sent, newest first, for its page on the server root: only while the
 * simulator is the configured gateway (a real provider's messages are on phones, not here), and
 * only in simulator (demo) mode: the messages carry everybody's one-time codes. Outside it the
 * simulator still records what it "sends" (there is no real gateway yet), for nobody to read.
 */
@Stateless
public class SmsSimulator {

  /** At most this many messages are shown. */
  public static final int PAGE_SIZE = 100;

  @PersistenceContext EntityManager em;
  @Inject SmsGateway gateway;
  @Inject Simulators simulators;

  /** Whether the configured gateway is the simulator and simulator (demo) mode is on. */
  public boolean active() {
    return simulators.on() && SimulatedSmsGateway.NAME.equals(gateway.name());
  }

  /** The newest messages (at most {@link #PAGE_SIZE}); empty unless {@link #active()}. */
  public List<SentSms> newest() {
    if (!active()) {
      return List.of();
    }
    return em
        .createQuery(
            "select s from SimulatedSms s order by s.sentAt desc, s.id desc", SimulatedSms.class)
        .setMaxResults(PAGE_SIZE)
        .getResultList()
        .stream()
        .map(s -> new SentSms(s.getId(), s.getPhone(), s.getBody(), s.getSentAt()))
        .toList();
  }
}
