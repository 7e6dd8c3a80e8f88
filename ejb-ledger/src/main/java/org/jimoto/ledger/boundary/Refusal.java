package org.jimoto.ledger.boundary;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Why the ledger refused a request. Every refusal changes nothing. The code is stable (the POS API
 * returns it); the message, in Japanese and English, comes from {@code refusals*.properties}.
 */
public enum Refusal {
  AMOUNT_NOT_POSITIVE(422),
  AMOUNT_TOO_LARGE(422),
  AMOUNT_NOT_A_WHOLE_NUMBER(400),
  NO_PAYMENT_LEGS(422),
  DUPLICATE_SERVICE_LEG(422),
  UNKNOWN_SERVICE(422),
  UNKNOWN_RESIDENT(422),
  UNKNOWN_TERMINAL(401),
  TERMINAL_INACTIVE(403),
  /** Too many refused card or QR lookups (#8 finding 5): the city lifts it. */
  TERMINAL_SUSPENDED(403),
  TERMINAL_NOT_SUSPENDED(409),
  /**
   * A terminal outside the merchant login's reach, or no terminal of that code: one answer
   * for both, so that codes of other businesses cannot be probed (#9 item 2).
   */
  NOT_THIS_MERCHANTS_TERMINAL(403),
  /** A shop outside the merchant login's reach. */
  NOT_THIS_MERCHANTS_SHOP(403),
  /** Retiring a terminal and its POS API credentials are the business account's (#9 item 2). */
  BUSINESS_ACCOUNT_ONLY(403),
  TERMINAL_NAME_INVALID(422),
  TERMINAL_NAME_TAKEN(409),
  TERMINAL_LIMIT_REACHED(422),
  TERMINAL_ALREADY_RETIRED(409),
  NO_TERMINAL_CREDENTIAL(409),
  /** A store QR code whose token no terminal has. */
  STORE_QR_UNKNOWN(404),
  /** A store QR code of a retired terminal: refused from the moment it is retired. */
  STORE_QR_RETIRED(410),
  INSUFFICIENT_BALANCE(422),
  SERVICE_NOT_ACCEPTED(422),
  /**
   * An unknown, disabled or not accepted card at a terminal: one answer for all
   * three, so that a terminal cannot tell a real card from a guess (#8 finding 5).
   */
  CARD_REFUSED(422),
  CARD_NOT_USABLE_FOR_SERVICE(422),
  /**
   * A code keyed in at the register whose check digit is wrong (a typing error): said plainly, as
   * the check digit is public arithmetic ({@code CardCode}) and no card was looked up.
   */
  CARD_CODE_MISTYPED(422),
  /**
   * A card read at the register of a shop that takes no cards: the shop's own screen may say
   * so, it tells nothing about the card.
   */
  CARDS_NOT_TAKEN_HERE(422),
  /** A charge or grant to a disabled card; a payment gets {@link #CARD_REFUSED}. */
  CARD_DISABLED(422),
  /**
   * A charge or grant to a card whose value was moved into an app account: said plainly, so
   * that the clerk or the resident uses the app account instead.
   */
  CARD_MOVED(422),
  /**
   * #11 item 3: a charge or grant to a card reported lost at the window: its balance is frozen
   * until the window moves it to a replacement card. A payment at a till still gets the neutral
   * {@link #CARD_REFUSED} (#8 finding 5), which counts against a guessing terminal.
   */
  CARD_LOST(422),
  /** #11 item 3: the card is not lost, or it was replaced already. */
  CARD_NOT_REPLACEABLE(409),
  /**
   * #11 finding 2: the lost card was replaced meanwhile (e.g. by a second clerk at the same time);
   * {0} is the replacement's member code.
   */
  CARD_ALREADY_REPLACED(409),
  /**
   * #11 finding 8, R-01: the card issue form was sent twice at once; the other submit issues the
   * one card.
   */
  CARD_ISSUE_REPEATED(409),
  /**
   * #11 finding 5: a resident search must name someone: {0} characters of a name, or an exact
   * member code, phone number or e-mail address.
   */
  SEARCH_TOO_BROAD(422),
  /** #11 finding 5: at most {0} resident searches and views per staff login in {1} minutes. */
  SEARCH_TOO_FREQUENT(429),
  /** #11 finding 5 (second review): more than {0} residents match; nobody is shown. */
  SEARCH_TOO_MANY(422),
  /** #11 item 3, R-84: a card action on something that is not an enabled card. */
  CARD_NOT_USABLE(409),
  /** the identity document checked at the window must be named. */
  ID_DOCUMENT_MISSING(422),
  /** the card holder's details (name, kana, date of birth, address) are all needed. */
  CARD_HOLDER_INVALID(422),
  /** a Japanese mobile number is needed for the SMS codes. */
  PHONE_INVALID(422),
  /** a maintenance window is in force; the message is the one the city announced. */
  MAINTENANCE(503),
  /** a window must be announced ahead, so that every node knows it when it starts. */
  MAINTENANCE_NOT_AHEAD(422),
  /** A period (notice, maintenance window) that ends before it starts. */
  PERIOD_INVALID(422),
  /** Text shown to people is needed in Japanese and English. */
  TEXT_MISSING(422),
  IDEMPOTENCY_KEY_MISSING(400),
  IDEMPOTENCY_KEY_INVALID(400),
  IDEMPOTENCY_KEY_REUSED(422),
  PAYMENT_NOT_FOUND(404),
  ALREADY_CANCELLED(409),
  SETTLEMENT_CLOSED(409),
  CANCEL_OF_CANCEL(422),
  /** A payment of a shop outside the merchant login's scope. */
  NOT_THIS_SHOPS_PAYMENT(403),
  NOT_CHARGEABLE(422),
  CHARGE_CHANNEL_NOT_OFFERED(422),
  CHARGE_BELOW_MINIMUM(422),
  CHARGE_ABOVE_MAXIMUM(422),
  CHARGE_NOT_IN_UNITS(422),
  HOLDING_LIMIT_EXCEEDED(422),
  EXPIRY_IN_THE_PAST(422),
  TRANSFER_NOT_FOUND(404),
  NOT_A_GRANT(422),
  GRANT_ALREADY_USED(409),
  EXTERNAL_REFERENCE_MISSING(422),
  EXTERNAL_REFERENCE_REUSED(409),
  IDENTITY_NOT_VERIFIED(403),
  /** The bank or card network declined the charge (#10 item 3): nothing was charged. */
  CHARGE_DECLINED(402),
  /** The bank or card network answered with an error: nothing was charged. */
  CHARGE_PROVIDER_FAILED(502),
  /** No answer from the bank or card network in time: nothing charged unless it answers later. */
  CHARGE_PROVIDER_TIMEOUT(504),
  /** A charge in progress that is not this resident's, or unknown, or already finished. */
  CHARGE_ATTEMPT_UNKNOWN(404),
  /** The resident cancelled at the bank's or card's page. */
  CHARGE_CANCELLED(409),
  /**
   * The bank or card network is not connected: only its simulator exists, and simulator (demo) mode
   * is off (#10 security review). Nothing was charged.
   */
  CHARGE_METHOD_UNAVAILABLE(503),
  REASON_MISSING(422),
  MALFORMED_REQUEST(400),
  BODY_TOO_LARGE(413),
  // #11 grants: a bulk-grant CSV file and its rows.
  GRANT_FILE_EMPTY(422),
  GRANT_FILE_TOO_LARGE(413),
  GRANT_FILE_TOO_MANY_ROWS(422),
  GRANT_FILE_UNREADABLE(422),
  GRANT_FILE_HEADER(422),
  /** A bulk grant is refused as a whole while any row has an error. */
  GRANT_FILE_HAS_ERRORS(422),
  GRANT_DATE_INVALID(422),
  GRANT_ID_TOO_LONG(422),
  GRANT_ID_REPEATED(422),
  /** A grant id already used for another grant (member, service, amount or expiry differ). */
  GRANT_ID_CONFLICT(409),
  /** The same grant request (idempotency key) was already granted: nothing is granted again. */
  GRANT_ALREADY_DONE(409),
  // #11 maintenance.
  MAINTENANCE_WINDOW_UNKNOWN(404),
  MAINTENANCE_ALREADY_OVER(409),
  NOTICE_UNKNOWN(404),
  // #11 staff accounts.
  LOGIN_NAME_INVALID(422),
  LOGIN_NAME_TAKEN(409),
  ROLE_MISSING(422),
  STAFF_UNKNOWN(404),
  CANNOT_DISABLE_SELF(409),
  LAST_ADMIN(409),
  PASSWORD_REFUSED(422),
  // #12 settlement closing.
  /** A period may be closed only once it is over. */
  SETTLEMENT_PERIOD_OPEN(409),
  // #11 review finding 2: bounds on a grant.
  /** Only a point service is granted; money is bought (charged), never given. */
  GRANT_SERVICE_NOT_POINTS(422),
  GRANT_ABOVE_MAXIMUM(422),
  /** Above a window clerk's ceiling: an administrator grants it. */
  GRANT_ABOVE_CLERK_MAXIMUM(403),
  GRANT_EXPIRY_TOO_LATE(422),
  // #11 review finding 4: R-57 "announced in advance".
  /** Sooner than the minimum lead (24 h) without an emergency reason. */
  MAINTENANCE_NOTICE_TOO_SHORT(422),
  // #11 review 2: a grant without an expiry date.
  GRANT_EXPIRY_MISSING(422),
  // #11 review 2: an emergency maintenance reason longer than the audit log keeps.
  MAINTENANCE_REASON_TOO_LONG(422),
  // #11 reissue: the city sends a merchant login new credentials.
  /** No merchant login (business or shop account) of that name. */
  MERCHANT_LOGIN_UNKNOWN(404),
  /** The login is disabled: enable it first, or nothing would open with the mailed password. */
  MERCHANT_LOGIN_DISABLED(409),
  /** The business account is disabled (the business left): none of its logins get credentials. */
  MERCHANT_BUSINESS_CLOSED(409),
  /** A reason longer than the audit log keeps: refused rather than cut. */
  REASON_TOO_LONG(422),
  // #12 payout files: a transfer is asked of the bank once.
  /** Another payout file of that date was made at the same moment: look at the list again. */
  PAYOUT_FILE_MADE_MEANWHILE(409),
  /** No payout file with that id. */
  PAYOUT_FILE_UNKNOWN(404),
  // #12 item 5: the bank's results of payout transfers.
  /** No settlement line (transfer) with that id. */
  SETTLEMENT_LINE_UNKNOWN(404),
  /** The line is not a transfer awaiting the bank's result (nothing due, or not closed). */
  SETTLEMENT_LINE_NOT_DUE(409),
  /** The transfer's result was recorded already: a second one is refused. */
  SETTLEMENT_RESULT_RECORDED(409),
  /** A failed transfer needs the reason the merchant is shown (e.g. 口座相違). */
  SETTLEMENT_FAILURE_REASON_MISSING(422),
  SETTLEMENT_FAILURE_REASON_TOO_LONG(422),
  RESULT_FILE_UNREADABLE(422),
  RESULT_FILE_HEADER(422),
  RESULT_ROW_LINE(422),
  RESULT_ROW_SHOP(422),
  RESULT_ROW_AMOUNT(422),
  RESULT_ROW_CODE(422),
  RESULT_ROW_DUPLICATE(422),
  /** The result file has errors: nothing was recorded. */
  RESULT_FILE_INVALID(422),
  // #12 review (R-54..R-56): a result for a transfer the bank was never sent.
  SETTLEMENT_PAYOUT_DATE_OPEN(409),
  SETTLEMENT_PAYOUT_NOT_YET(409),
  /** In no payout file: the bank was never asked for it. */
  SETTLEMENT_NOT_IN_FILE(409),
  /** A result file's row for a transfer whose PAID was reversed: only the buttons record it. */
  SETTLEMENT_RESULT_REVERSED(409),
  // #12 payout: corrections of a wrongly recorded result.
  /** Only a FAILED transfer not yet carried over can be corrected to PAID. */
  SETTLEMENT_NOT_FAILED(409),
  /** Only a PAID transfer can be reversed to DUE. */
  SETTLEMENT_NOT_PAID(409),
  /** The failed amount is in a later closing's transfer already: this one cannot change. */
  SETTLEMENT_CARRIED_OVER(409);

  private static final String BUNDLE = "org.jimoto.ledger.refusals";
  private final int httpStatus;

  Refusal(int httpStatus) {
    this.httpStatus = httpStatus;
  }

  /** The HTTP status the POS API answers with. */
  public int httpStatus() {
    return httpStatus;
  }

  public String message(Locale locale, Object... args) {
    ResourceBundle bundle =
        ResourceBundle.getBundle(BUNDLE, locale, Refusal.class.getClassLoader());
    Object[] localized = args.clone();
    for (int i = 0; i < localized.length; i++) {
      if (localized[i] instanceof LocalizedName name) {
        localized[i] = name.in(locale);
      }
    }
    return new MessageFormat(bundle.getString(name()), locale).format(localized);
  }

  public String messageJa(Object... args) {
    return message(Locale.JAPANESE, args);
  }

  public String messageEn(Object... args) {
    return message(Locale.ENGLISH, args);
  }
}
