package org.jimoto.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Reads the SMS simulator's page ({@code /sms.xhtml} on the server root) as a resident reads their
 * phone: the newest message to a number, and the 6-digit code in it. The page is the only way in,
 * as for a demo user.
 */
final class SmsInbox {

  private static final Pattern CODE = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)");

  /** One message shown on the page, newest first. */
  record Sms(String phone, String body) {}

  private SmsInbox() {}

  /** Every message on the simulator's page, newest first. */
  static List<Sms> messages() {
    try {
      Document page = Jsoup.connect(PortalClient.BASE_URL + "/sms.xhtml").timeout(30_000).get();
      return page.select("tr.jm-sms").stream()
          .map(
              tr ->
                  new Sms(tr.selectFirst(".sms-phone").text(), tr.selectFirst(".sms-body").text()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The newest message to a phone whose number ends as {@code phoneOrHint} does (a full number like
   * 090-0000-0001, or the page's hint ***-****-0001: its last four digits count).
   */
  static Optional<Sms> newestTo(String phoneOrHint) {
    String digits = phoneOrHint.replaceAll("\\D", "");
    String tail = digits.length() > 4 ? digits : digits.substring(Math.max(0, digits.length() - 4));
    return messages().stream()
        .filter(m -> m.phone().replaceAll("\\D", "").endsWith(tail))
        .findFirst();
  }

  /** The 6-digit code of the newest message to that phone. */
  static String newestCodeTo(String phoneOrHint) {
    Sms sms =
        newestTo(phoneOrHint)
            .orElseThrow(() -> new AssertionError("no SMS to " + phoneOrHint + " on /sms.xhtml"));
    Matcher m = CODE.matcher(sms.body());
    if (!m.find()) {
      throw new AssertionError("no 6-digit code in the SMS: " + sms.body());
    }
    return m.group(1);
  }
}
