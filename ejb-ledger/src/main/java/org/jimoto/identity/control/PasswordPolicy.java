package org.jimoto.identity.control;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryBuilder;

/**
 * What a new password must be (パスワードポリシー, R-62 and #8 finding 11): long enough, not the login name,
 * and not guessable — nbvcxz estimates the guesses an attacker needs, with its list of 100,000
 * passwords known from breaches, dictionary words, keyboard patterns and dates, and the person's
 * own login and name as extra words.
 */
public final class PasswordPolicy {

  public static final int MIN_LENGTH = 10;
  public static final int MAX_LENGTH = 128;

  /** Why a password is refused; the portals word each in their language. */
  public enum Violation {
    TOO_SHORT,
    TOO_LONG,
    CONTAINS_LOGIN_NAME,
    SAME_AS_CURRENT,
    TOO_COMMON
  }

  private static final Nbvcxz ESTIMATOR = new Nbvcxz();
  private static final SecureRandom RANDOM = new SecureRandom();
  // No 0/O, 1/l/I: a generated password is read off a screen or a sheet of paper.
  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  private PasswordPolicy() {}

  /** A random password of 16 characters (about 93 bits), for a login the system issues. */
  public static String generate() {
    var sb = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }

  /** The rules {@code password} breaks; empty when it may be used. */
  public static Set<Violation> check(String password, String loginName, String displayName) {
    Set<Violation> broken = EnumSet.noneOf(Violation.class);
    int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH) {
      broken.add(Violation.TOO_SHORT);
    }
    if (length > MAX_LENGTH) {
      broken.add(Violation.TOO_LONG);
      return broken; // not worth estimating
    }
    String lower = password.toLowerCase(Locale.ROOT);
    List<String> own = ownWords(loginName, displayName);
    if (own.stream().anyMatch(w -> w.length() >= 3 && lower.contains(w))) {
      broken.add(Violation.CONTAINS_LOGIN_NAME);
    }
    if (broken.isEmpty() && !estimate(password, own)) {
      broken.add(Violation.TOO_COMMON);
    }
    return broken;
  }

  private static boolean estimate(String password, List<String> own) {
    if (own.isEmpty()) {
      return ESTIMATOR.estimate(password).isMinimumEntropyMet();
    }
    // The person's own words join the default dictionaries for this estimate only.
    DictionaryBuilder words = new DictionaryBuilder().setDictionaryName("own").setExclusion(true);
    own.forEach(w -> words.addWord(w, 0));
    List<Dictionary> dictionaries = new ArrayList<>(ConfigurationBuilder.getDefaultDictionaries());
    dictionaries.add(words.createDictionary());
    var configuration =
        new ConfigurationBuilder().setDictionaries(dictionaries).createConfiguration();
    return new Nbvcxz(configuration).estimate(password).isMinimumEntropyMet();
  }

  /** The login name, its part before an @, and the words of the display name, in lower case. */
  private static List<String> ownWords(String loginName, String displayName) {
    List<String> words = new ArrayList<>();
    if (loginName != null && !loginName.isBlank()) {
      String login = loginName.strip().toLowerCase(Locale.ROOT);
      words.add(login);
      int at = login.indexOf('@');
      if (at > 0) {
        words.add(login.substring(0, at));
      }
    }
    if (displayName != null) {
      for (String part : displayName.toLowerCase(Locale.ROOT).split("[\\s　]+")) {
        if (!part.isBlank()) {
          words.add(part);
        }
      }
    }
    return words;
  }
}
