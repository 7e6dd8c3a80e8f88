package org.jimoto.system;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mailbox of an address at the mail catcher the launcher started (GreenMail, a real SMTP
 * server): what the server's outbox delivered over SMTP, read through GreenMail's own JSON API
 * (port base + 26), not through the application.
 */
final class MailInbox {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  static final int API_PORT =
      Integer.parseInt(System.getProperty("jimoto.it.port", "18080")) - 80 + 26;

  /** One mail as received. */
  record Mail(String subject, String body) {}

  private MailInbox() {}

  /** Every mail received for {@code address}, oldest first. */
  static List<Mail> of(String address) {
    try {
      var r =
          HTTP.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:"
                              + API_PORT
                              + "/api/user/"
                              + URLEncoder.encode(address, StandardCharsets.UTF_8)
                              + "/messages/INBOX"))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      List<Mail> mails = new ArrayList<>();
      if (r.statusCode() != 200) {
        return mails; // no mailbox yet
      }
      for (var v : new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body())) {
        var m =
            new jakarta.mail.internet.MimeMessage(
                jakarta.mail.Session.getInstance(new Properties()),
                new ByteArrayInputStream(
                    v.get("mimeMessage").asText().getBytes(StandardCharsets.UTF_8)));
        mails.add(new Mail(m.getSubject(), String.valueOf(m.getContent())));
      }
      return mails;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits (the outbox is drained every few seconds) for the {@code n}-th mail to an address. */
  static Mail await(String address, int n) {
    Instant until = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(until)) {
      List<Mail> mails = of(address);
      if (mails.size() >= n) {
        return mails.get(n - 1);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("no mail #" + n + " to " + address + " within 60 s");
  }

  /** The first link in a mail to this server's resident portal. */
  static String link(Mail mail) {
    Matcher m = Pattern.compile("https?://\\S+/resident/\\S+").matcher(mail.body());
    if (!m.find()) {
      throw new AssertionError("no link in the mail: " + mail.body());
    }
    return m.group();
  }
}
