package org.jimoto.merchant.control;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;

/**
 * An account holder's name (口座名義) in the Zengin character set: what a bank transfer file
 * carries, half-width katakana, upper-case letters, digits, the space and {@code ( ) - . / , ｢ ｣}.
 * What a person types on a phone or a PC (full-width katakana, hiragana, half-width kana, small
 * kana, lower case, full-width letters and digits, the long-vowel mark, an ideographic space) is
 * converted to it; what cannot be converted (kanji, {@code ・}, emoji...) is refused by name.
 *
 * <p>The conversion uses Unicode's own data, not a hand-made table: NFKC turns full-width letters
 * and half-width kana into their ordinary forms, and the half-width form of each katakana is found
 * by normalising every half-width kana (alone and with its voicing mark) and reading the result
 * backwards. Small kana become large ones, as banks register them (ｼｮｳﾃﾝ is ｼﾖｳﾃﾝ), and the
 * long-vowel mark becomes a hyphen, as banks write it (ｽ-ﾊﾟ-).
 */
public final class ZenginKana {

  /** The transfer record's field for the recipient's name holds 30 characters. */
  public static final int MAX_LENGTH = 30;

  private static final String SYMBOLS = " ()-./,\uFF62\uFF63";
  private static final Map<Integer, String> HALF_WIDTH = halfWidthKana();

  private ZenginKana() {}

  /** Why a name is refused; {@code character} names the first offending character. */
  public enum Problem {
    EMPTY,
    KANJI,
    CHARACTER,
    TOO_LONG
  }

  /** The name in Zengin kana, or the first problem with it. */
  public sealed interface Result {
    record Valid(String kana) implements Result {}

    /**
     * @param detail the offending character (KANJI, CHARACTER) or the converted length (TOO_LONG)
     */
    record Invalid(Problem problem, String detail) implements Result {}
  }

  /** Converts and checks a name as typed. */
  public static Result check(String typed) {
    String kana = convert(typed == null ? "" : typed);
    for (int i = 0; i < kana.length(); ) {
      int c = kana.codePointAt(i);
      if (!allowed(c)) {
        String ch = new String(Character.toChars(c));
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN
            ? new Result.Invalid(Problem.KANJI, ch)
            : new Result.Invalid(Problem.CHARACTER, ch);
      }
      i += Character.charCount(c);
    }
    if (kana.chars().noneMatch(ZenginKana::isLetterOrKana)) {
      return new Result.Invalid(Problem.EMPTY, "");
    }
    if (kana.length() > MAX_LENGTH) {
      return new Result.Invalid(Problem.TOO_LONG, String.valueOf(kana.length()));
    }
    return new Result.Valid(kana);
  }

  /**
   * The name converted as far as it can be (what it would be stored as if it is valid): half-width
   * kana, upper case, single spaces, no spaces at either end. Characters with no Zengin form are
   * left as they are, for {@link #check} to name.
   */
  public static String convert(String typed) {
    String s = Normalizer.normalize(typed, Normalizer.Form.NFKC);
    StringBuilder out = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      c = toKatakana(c);
      c = toLargeKana(c);
      if (c >= 'a' && c <= 'z') {
        c = c - 'a' + 'A';
      }
      if (isDash(c)) {
        c = '-';
      }
      if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
          out.append(' ');
        }
        continue;
      }
      String half = HALF_WIDTH.get(c);
      if (half != null) {
        out.append(half);
      } else {
        out.appendCodePoint(c);
      }
    }
    return out.toString().strip();
  }

  private static boolean isLetterOrKana(int c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c >= 0xFF66 && c <= 0xFF9D);
  }

  private static boolean allowed(int c) {
    return (c >= '0' && c <= '9')
        || (c >= 'A' && c <= 'Z')
        || c == 0xFF66 // ｦ
        || (c >= 0xFF71 && c <= 0xFF9F) // ｱ..ﾝ, ﾞ, ﾟ
        || SYMBOLS.indexOf(c) >= 0;
  }

  /** Hiragana to katakana: the two blocks are in the same order, 0x60 apart. */
  private static int toKatakana(int c) {
    return (c >= 0x3041 && c <= 0x3096) ? c + 0x60 : c;
  }

  /** A small katakana (ァ, ッ, ャ, ヵ...) to its large form, by its Unicode name. */
  private static int toLargeKana(int c) {
    if (Character.UnicodeBlock.of(c) != Character.UnicodeBlock.KATAKANA) {
      return c;
    }
    String name = Character.getName(c);
    if (name == null || !name.startsWith("KATAKANA LETTER SMALL ")) {
      return c;
    }
    try {
      return Character.codePointOf(name.replace("SMALL ", ""));
    } catch (IllegalArgumentException none) {
      return c;
    }
  }

  /** The long-vowel mark and the dashes people type for a hyphen (NFKC has made ｰ and － ones). */
  private static boolean isDash(int c) {
    return c == 0x30FC || c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 || c == 0x2212;
  }

  /**
   * Full-width katakana (and ｢ ｣'s full-width brackets) to the half-width forms Zengin allows,
   * derived from NFKC: each half-width kana, alone and followed by the voiced or semi-voiced mark,
   * normalises to one full-width character; read backwards that is the conversion.
   */
  private static Map<Integer, String> halfWidthKana() {
    Map<Integer, String> map = new HashMap<>();
    for (int h = 0xFF61; h <= 0xFF9F; h++) {
      String half = String.valueOf((char) h);
      String full = Normalizer.normalize(half, Normalizer.Form.NFKC);
      if (!allowed(h)) {
        continue; // ｡ ､ ･ ｰ and the small kana: a name keeps ・ as typed, for check to name it
      }
      if (full.codePointCount(0, full.length()) == 1) {
        map.putIfAbsent(full.codePointAt(0), half);
      }
      for (char mark : new char[] {'\uFF9E', '\uFF9F'}) {
        String voiced = Normalizer.normalize(half + mark, Normalizer.Form.NFKC);
        if (voiced.codePointCount(0, voiced.length()) == 1) {
          map.putIfAbsent(voiced.codePointAt(0), half + mark);
        }
      }
    }
    return Map.copyOf(map);
  }
}
