package org.jimoto.notification.boundary;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.MessageFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jimoto.notification.control.PhoneSendLimit;
import org.jimoto.notification.entity.OneTimeCode;
import org.jimoto.platform.boundary.CityProfileService;
import org.jimoto.platform.control.PlatformClock;

/**
 * One-time codes sent by SMS (確認コード): the second factor at login, phone confirmation, card
 * inquiry and migration, bank charges.
 *
 * <p>Rules: six digits from {@link SecureRandom}; stored as a salted SHA-256 only; valid for {@code
 * jimoto.otp.validity-minutes} (5); {@code jimoto.otp.max-tries} (5) tries, the last wrong one
 * spends the code; single-use; a new issue for the same purpose and subject replaces the old code.
 * Re-sending is throttled: not within {@code jimoto.otp.resend-seconds} of the last send, at most
 * {@code jimoto.otp.max-sends-per-hour} per purpose and subject, and at most {@code
 * jimoto.otp.phone-max-sends-per-hour} to one phone ({@link PhoneSendLimit}). So at most 5 × 5
 * guesses an hour can be made at a subject's codes. The right code starts these limits again: they
 * bound someone who does not receive the codes, and a resident logging in often is not one.
 *
 * <p>A subject names what the code is about, e.g. {@code resident:123} or {@code card:12345674}.
 */
@Stateless
public class OneTimeCodes {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String BUNDLE = "org.jimoto.notification.sms";
  static final int SUBJECT_MAX_LENGTH = 100;

  @PersistenceContext EntityManager em;
  @Inject SmsGateway gateway;
  @Inject PhoneSendLimit phoneLimit;
  @Inject CityProfileService city;
  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "jimoto.otp.validity-minutes", defaultValue = "5")
  int validityMinutes;

  @Inject
  @ConfigProperty(name = "jimoto.otp.max-tries", defaultValue = "5")
  int maxTries;

  @Inject
  @ConfigProperty(name = "jimoto.otp.resend-seconds", defaultValue = "30")
  int resendSeconds;

  @Inject
  @ConfigProperty(name = "jimoto.otp.max-sends-per-hour", defaultValue = "5")
  int maxSendsPerHour;

  /**
   * Sends a new code for {@code purpose} and {@code subject} to {@code phone}, in the resident's
   * language (ja, else en), naming the purpose and the currency.
   */
  public CodeIssue issue(CodePurpose purpose, String subject, PhoneNumber phone, Locale locale) {
    checkSubject(subject);
    Objects.requireNonNull(phone);
    LocalDateTime now = LocalDateTime.now(clock);
    OneTimeCode code =
        em.find(
            OneTimeCode.class,
            new OneTimeCode.Key(purpose, subject),
            LockModeType.PESSIMISTIC_WRITE);
    if (code != null && code.getUsedAt() == null) {
      Optional<LocalDateTime> retry = resendAllowedAt(code, now);
      if (retry.isPresent()) {
        return new CodeIssue.Throttled(instant(retry.get()));
      }
    }
    Optional<Instant> phoneRetry = phoneLimit.take(phone.normalized(), clock.instant());
    if (phoneRetry.isPresent()) {
      return new CodeIssue.Throttled(phoneRetry.get());
    }
    if (code == null) {
      code = new OneTimeCode(purpose, subject, now);
      em.persist(code);
    }
    String digits = sixDigits();
    String salt = HexFormat.of().formatHex(salt());
    code.reissue(
        phone.normalized(), salt, hash(salt, digits), now, Duration.ofMinutes(validityMinutes));
    em.flush(); // the code exists before the message that announces it leaves
    gateway.send(phone.normalized(), text(purpose, digits, locale));
    return new CodeIssue.Sent(instant(code.getExpiresAt()));
  }

  /**
   * Checks a code typed for {@code purpose} and {@code subject}. Runs in a transaction of its own,
   * so that a wrong try counts even when the caller's work rolls back.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public CodeCheck check(CodePurpose purpose, String subject, String typed) {
    return check(purpose, subject, null, typed);
  }

  /**
   * The same, and the code must have been sent to {@code phone}: a phone being confirmed is the one
   * the code went to.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public CodeCheck checkSentTo(
      CodePurpose purpose, String subject, PhoneNumber phone, String typed) {
    return check(purpose, subject, Objects.requireNonNull(phone), typed);
  }

  private CodeCheck check(CodePurpose purpose, String subject, PhoneNumber phone, String typed) {
    checkSubject(subject);
    OneTimeCode code =
        em.find(
            OneTimeCode.class,
            new OneTimeCode.Key(purpose, subject),
            LockModeType.PESSIMISTIC_WRITE);
    LocalDateTime now = LocalDateTime.now(clock);
    if (code == null
        || code.getIssuedAt() == null
        || code.getUsedAt() != null
        || (phone != null && !phone.normalized().equals(code.getPhone()))) {
      return CodeCheck.NO_CODE;
    }
    if (code.getFailedTries() >= maxTries) {
      return CodeCheck.TOO_MANY_TRIES;
    }
    if (!now.isBefore(code.getExpiresAt())) {
      return CodeCheck.EXPIRED;
    }
    String digits = typed == null ? "" : normalizeDigits(typed);
    boolean right =
        digits.length() == 6
            && MessageDigest.isEqual(
                hash(code.getCodeSalt(), digits).getBytes(StandardCharsets.US_ASCII),
                code.getCodeHash().getBytes(StandardCharsets.US_ASCII));
    if (right) {
      code.use(now);
      phoneLimit.forget(code.getPhone());
      return CodeCheck.VALID;
    }
    code.failedTry();
    return code.getFailedTries() >= maxTries ? CodeCheck.TOO_MANY_TRIES : CodeCheck.WRONG;
  }

  /** The number a live code for {@code purpose} and {@code subject} went to, if one is live. */
  public Optional<PhoneNumber> sentTo(CodePurpose purpose, String subject) {
    OneTimeCode code = em.find(OneTimeCode.class, new OneTimeCode.Key(purpose, subject));
    LocalDateTime now = LocalDateTime.now(clock);
    if (code == null
        || code.getIssuedAt() == null
        || code.getUsedAt() != null
        || !now.isBefore(code.getExpiresAt())) {
      return Optional.empty();
    }
    return PhoneNumber.parse(code.getPhone());
  }

  /** The code's lifetime, for the pages that say how long it is valid. */
  public Duration validity() {
    return Duration.ofMinutes(validityMinutes);
  }

  private Optional<LocalDateTime> resendAllowedAt(OneTimeCode code, LocalDateTime now) {
    if (code.getIssuedAt() == null) {
      return Optional.empty();
    }
    LocalDateTime afterPause = code.getIssuedAt().plusSeconds(resendSeconds);
    if (now.isBefore(afterPause)) {
      return Optional.of(afterPause);
    }
    if (code.sendsThisHour(now) >= maxSendsPerHour) {
      return Optional.of(code.getWindowStartedAt().plusHours(1));
    }
    return Optional.empty();
  }

  private String text(CodePurpose purpose, String digits, Locale locale) {
    boolean japanese = locale == null || "ja".equals(locale.getLanguage());
    ResourceBundle bundle =
        ResourceBundle.getBundle(
            BUNDLE, japanese ? Locale.JAPANESE : Locale.ENGLISH, getClass().getClassLoader());
    var profile = city.profile();
    return MessageFormat.format(
        bundle.getString("code.text"),
        japanese ? profile.currencyJa() : profile.currencyEn(),
        bundle.getString("purpose." + purpose.name()),
        digits,
        validityMinutes);
  }

  private static void checkSubject(String subject) {
    if (subject == null || subject.isBlank() || subject.length() > SUBJECT_MAX_LENGTH) {
      throw new IllegalArgumentException("a subject of 1 to 100 characters: " + subject);
    }
  }

  /** Full-width digits and spaces, as a phone keyboard may type them, are accepted. */
  static String normalizeDigits(String typed) {
    String s = java.text.Normalizer.normalize(typed, java.text.Normalizer.Form.NFKC);
    return s.replaceAll("[\\s-]", "");
  }

  static String sixDigits() {
    return String.format(Locale.ROOT, "%06d", RANDOM.nextInt(1_000_000));
  }

  private static byte[] salt() {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return salt;
  }

  static String hash(String salt, String digits) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(salt.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(sha.digest(digits.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Instant instant(LocalDateTime t) {
    return t.atZone(PlatformClock.ZONE).toInstant();
  }
}
