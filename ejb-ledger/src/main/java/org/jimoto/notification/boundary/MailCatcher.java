package org.jimoto.notification.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jimoto.platform.boundary.Simulators;
import org.jimoto.platform.control.PlatformClock;

/**
 * Reads what the launcher's local mail catcher (GreenMail) received over SMTP, through its JSON API
 * at {@code jimoto.mail.catcher-url}, for the demo page {@code /mail.xhtml}. Unset (a real SMTP
 * server), or outside simulator (demo) mode (the mails carry everybody's sign-up links): nothing to
 * show.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MailCatcher {

  public static final int PAGE_SIZE = 100;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Inject
  @ConfigProperty(name = "jimoto.mail.catcher-url")
  Optional<String> url;

  @Inject Simulators simulators;

  public boolean active() {
    return simulators.on() && url.filter(u -> !u.isBlank()).isPresent();
  }

  /** The newest mails of every mailbox, newest first (at most {@link #PAGE_SIZE}). */
  public List<CaughtMail> newest() throws IOException {
    if (!active()) {
      return List.of();
    }
    List<CaughtMail> mails = new ArrayList<>();
    for (JsonValue user : get("/api/user")) {
      String email = user.asJsonObject().getString("email");
      for (JsonValue m :
          get(
              "/api/user/"
                  + URLEncoder.encode(email, StandardCharsets.UTF_8)
                  + "/messages/INBOX")) {
        mails.add(parse(email, m.asJsonObject()));
      }
    }
    return mails.stream()
        .sorted(Comparator.comparing(CaughtMail::sentAt).reversed())
        .limit(PAGE_SIZE)
        .toList();
  }

  private JsonArray get(String path) throws IOException {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url.get().replaceAll("/$", "") + path))
                  .timeout(Duration.ofSeconds(10))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IOException("mail catcher answered " + r.statusCode() + " for " + path);
      }
      try (var reader = Json.createReader(new StringReader(r.body()))) {
        return reader.readArray();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  private static CaughtMail parse(String mailbox, JsonObject json) throws IOException {
    try {
      var message =
          new MimeMessage(
              Session.getInstance(new Properties()),
              new ByteArrayInputStream(
                  json.getString("mimeMessage").getBytes(StandardCharsets.UTF_8)));
      Object content = message.getContent();
      var sent = message.getSentDate();
      return new CaughtMail(
          mailbox,
          message.getFrom() == null ? "" : message.getFrom()[0].toString(),
          message.getSubject(),
          content instanceof String s ? s : String.valueOf(content),
          sent == null
              ? LocalDateTime.MIN
              : LocalDateTime.ofInstant(sent.toInstant(), PlatformClock.ZONE));
    } catch (jakarta.mail.MessagingException e) {
      throw new IOException(e);
    }
  }
}
