package org.jimoto.web.merchant.history;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.jimoto.ledger.entity.Operation;
import org.jimoto.platform.control.PlatformClock;
import org.jimoto.report.boundary.TransactionReports.Filter;

/**
 * The history's filters as request parameters, shared by the page's bookmarkable URL and the
 * CSV download, so that the download is exactly the list on screen. Reading them checks each one
 * and names the first that is wrong (a message key of the portal bundle); it never widens what the
 * ledger lets the login see.
 *
 * @param from start of the period, to the minute ({@code 2024-02-13T18:47})
 * @param to end of the period (exclusive)
 */
public record HistoryQuery(
    LocalDateTime from,
    LocalDateTime to,
    Long userId,
    String tranId,
    String service,
    String shop,
    String terminal,
    Operation operation,
    Integer status)
    implements java.io.Serializable {

  /** The period as a parameter and an HTML datetime-local value. */
  public static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");

  /** A wrong parameter: the bundle key of its message. */
  public static final class Invalid extends Exception {
    private final String messageKey;

    public Invalid(String messageKey) {
      super(messageKey, null, false, false);
      this.messageKey = messageKey;
    }

    public String messageKey() {
      return messageKey;
    }
  }

  /** Today, from midnight to midnight, everything in it. */
  public static HistoryQuery today() {
    LocalDate day = LocalDate.now(PlatformClock.ZONE);
    return new HistoryQuery(
        day.atStartOfDay(),
        day.plusDays(1).atStartOfDay(),
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** Reads the parameters; a missing period is today's. */
  public static HistoryQuery parse(Function<String, String> parameter) throws Invalid {
    HistoryQuery today = today();
    LocalDateTime from = time(parameter.apply("from"), today.from(), "history.invalid.from");
    LocalDateTime to = time(parameter.apply("to"), today.to(), "history.invalid.to");
    if (!to.isAfter(from)) {
      throw new Invalid("history.invalid.period");
    }
    if (ChronoUnit.DAYS.between(from, to) > 366) {
      throw new Invalid("history.invalid.periodTooLong");
    }
    Long user = null;
    String userText = blankToNull(parameter.apply("uid"));
    if (userText != null) {
      try {
        user = Long.valueOf(userText);
      } catch (NumberFormatException e) {
        throw new Invalid("history.invalid.uid");
      }
    }
    Operation operation = null;
    String opText = blankToNull(parameter.apply("operation"));
    if (opText != null) {
      try {
        operation = Operation.valueOf(opText);
      } catch (IllegalArgumentException e) {
        throw new Invalid("history.invalid.operation");
      }
    }
    Integer status = null;
    String statusText = blankToNull(parameter.apply("status"));
    if (statusText != null) {
      if (!statusText.equals("1") && !statusText.equals("2")) {
        throw new Invalid("history.invalid.status");
      }
      status = Integer.valueOf(statusText);
    }
    return new HistoryQuery(
        from,
        to,
        user,
        code(parameter.apply("tranId"), 40, "history.invalid.tranId"),
        code(parameter.apply("service"), 32, "history.invalid.service"),
        code(parameter.apply("shop"), 32, "history.invalid.shop"),
        code(parameter.apply("terminal"), 32, "history.invalid.terminal"),
        operation,
        status);
  }

  private static LocalDateTime time(String text, LocalDateTime otherwise, String key)
      throws Invalid {
    text = blankToNull(text);
    if (text == null) {
      return otherwise;
    }
    try {
      return LocalDateTime.parse(text, MINUTE);
    } catch (DateTimeParseException e) {
      throw new Invalid(key);
    }
  }

  private static String code(String text, int maxLength, String key) throws Invalid {
    text = blankToNull(text);
    if (text != null && (text.length() > maxLength || !text.matches("[A-Za-z0-9_\\-]+"))) {
      throw new Invalid(key);
    }
    return text;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** The ledger's filter of this query. */
  public Filter filter() {
    return new Filter(from, to, userId, tranId, service, shop, terminal, operation, status);
  }

  /** The query as URL parameters (without a leading '?'), empty ones left out. */
  public String toParameters() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("from", MINUTE.format(from));
    p.put("to", MINUTE.format(to));
    p.put("uid", userId == null ? null : userId.toString());
    p.put("tranId", tranId);
    p.put("service", service);
    p.put("shop", shop);
    p.put("terminal", terminal);
    p.put("operation", operation == null ? null : operation.name());
    p.put("status", status == null ? null : status.toString());
    var out = new StringBuilder();
    p.forEach(
        (k, v) -> {
          if (v != null) {
            out.append(out.isEmpty() ? "" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
          }
        });
    return out.toString();
  }
}
