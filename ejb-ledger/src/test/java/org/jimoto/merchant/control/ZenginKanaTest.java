package org.jimoto.merchant.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jimoto.merchant.control.ZenginKana.Problem;
import org.jimoto.merchant.control.ZenginKana.Result;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * #9 item 8, R-54: an account holder's name as people type it becomes the half-width kana of a
 * Zengin transfer record; what has no Zengin form is refused, naming the character.
 */
class ZenginKanaTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // already Zengin kana
        "ﾔﾏﾀﾞ ﾀﾛｳ|ﾔﾏﾀﾞ ﾀﾛｳ",
        // full-width katakana with an ideographic space, as a phone keyboard types it
        "ヤマダ　タロウ|ﾔﾏﾀﾞ ﾀﾛｳ",
        // hiragana
        "やまだ たろう|ﾔﾏﾀﾞ ﾀﾛｳ",
        // a company: small kana become large, as banks register them
        "カ)ワカバショウテン|ｶ)ﾜｶﾊﾞｼﾖｳﾃﾝ",
        "ｶ)ﾜｶﾊﾞｼｮｳﾃﾝ|ｶ)ﾜｶﾊﾞｼﾖｳﾃﾝ",
        // full-width brackets and the suffix form (カ
        "ワカバショウテン（カ|ﾜｶﾊﾞｼﾖｳﾃﾝ(ｶ",
        // semi-voiced, ヴ, the long-vowel mark as a hyphen
        "パン　スーパー|ﾊﾟﾝ ｽ-ﾊﾟ-",
        "ヴィーナス|ｳﾞｲ-ﾅｽ",
        "ゔぃーなす|ｳﾞｲ-ﾅｽ",
        // letters and digits, full-width and lower case
        "ｊｉｍｏｔｏ　ｓｈｏｐ　２|JIMOTO SHOP 2",
        "abc Trading|ABC TRADING",
        // spaces: runs become one, ends dropped
        "  ヤマダ    ハナコ  |ﾔﾏﾀﾞ ﾊﾅｺ",
        // ヲ and the symbols Zengin has
        "ヲ.ｹ-/1|ｦ.ｹ-/1",
        "「ワカバ」|｢ﾜｶﾊﾞ｣",
        // っ, ゃ, ヵ, ヶ
        "キッチャ ヵヶ|ｷﾂﾁﾔ ｶｹ",
      })
  void typedNamesBecomeZenginKana(String typed, String kana) {
    assertEquals(new Result.Valid(kana), ZenginKana.check(typed));
  }

  @ParameterizedTest(name = "{0} refused: {1} {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "山田 太郎|KANJI|山",
        "ヤマダ・タロウ|CHARACTER|・",
        "ヤマダ＆タロウ|CHARACTER|&",
        "ヤマダ 🍞|CHARACTER|🍞",
        "ﾔﾏﾀﾞ@ﾀﾛｳ|CHARACTER|@",
        "ヤマダ、タロウ|CHARACTER|、",
      })
  void charactersWithoutAZenginFormAreNamed(String typed, Problem problem, String character) {
    assertEquals(new Result.Invalid(problem, character), ZenginKana.check(typed));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"''", "'   '", "'　　'", "'---'", "'( )'"})
  void nothingToNameIsRefused(String typed) {
    assertEquals(new Result.Invalid(Problem.EMPTY, ""), ZenginKana.check(typed));
  }

  @org.junit.jupiter.api.Test
  void voicedMarksCountAsCharactersTowardThe30() {
    // 15 voiced kana are 30 half-width characters: just fits; one more does not.
    String fifteen = "ガ".repeat(15);
    assertEquals(new Result.Valid("ｶﾞ".repeat(15)), ZenginKana.check(fifteen));
    assertEquals(new Result.Invalid(Problem.TOO_LONG, "31"), ZenginKana.check(fifteen + "ア"));
  }
}
