package org.jimoto.notification.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends one mail over SMTP with Jakarta Mail, to the server of {@code jimoto.mail.smtp.*} (the
 * launcher's local mail catcher unless the city sets its own). UTF-8 plain text.
 */
@ApplicationScoped
public class SmtpTransport {

  @Inject
  @ConfigProperty(name = "jimoto.mail.smtp.host", defaultValue = "localhost")
  String host;

  @Inject
  @ConfigProperty(name = "jimoto.mail.smtp.port", defaultValue = "25")
  int port;

  @Inject
  @ConfigProperty(name = "jimoto.mail.smtp.user")
  Optional<String> user;

  @Inject
  @ConfigProperty(name = "jimoto.mail.smtp.password")
  Optional<String> password;

  @Inject
  @ConfigProperty(name = "jimoto.mail.smtp.starttls", defaultValue = "false")
  boolean starttls;

  @Inject
  @ConfigProperty(name = "jimoto.mail.from", defaultValue = "noreply@localhost")
  String from;

  private Session session;

  @PostConstruct
  void init() {
    Properties p = new Properties();
    p.put("mail.smtp.host", host);
    p.put("mail.smtp.port", String.valueOf(port));
    p.put("mail.smtp.connectiontimeout", "10000");
    p.put("mail.smtp.timeout", "10000");
    p.put("mail.smtp.writetimeout", "10000");
    if (starttls) {
      p.put("mail.smtp.starttls.enable", "true");
      p.put("mail.smtp.starttls.required", "true");
    }
    Authenticator auth = null;
    if (user.isPresent()) {
      p.put("mail.smtp.auth", "true");
      String u = user.get();
      String pw = password.orElse("");
      auth =
          new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
              return new PasswordAuthentication(u, pw);
            }
          };
    }
    session = Session.getInstance(p, auth);
  }

  /** Hands the mail to the SMTP server; throws when it is not taken. */
  public void send(String recipient, String subject, String body, Date sentDate)
      throws MessagingException {
    MimeMessage m = new MimeMessage(session);
    m.setFrom(new InternetAddress(from));
    m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(recipient, true));
    m.setSubject(subject, "UTF-8");
    m.setText(body, "UTF-8");
    m.setSentDate(sentDate);
    Transport.send(m);
  }
}
