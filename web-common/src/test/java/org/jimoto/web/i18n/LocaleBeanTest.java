package org.jimoto.web.i18n;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class LocaleBeanTest {

  @Test
  void firstVisitFollowsTheBrowsersLanguageAmongJapaneseAndEnglish() {
    assertEquals(Locale.ENGLISH, LocaleBean.preferred("en-US,en;q=0.9,ja;q=0.8"));
    assertEquals(Locale.JAPANESE, LocaleBean.preferred("ja,en-US;q=0.9"));
    assertEquals(Locale.ENGLISH, LocaleBean.preferred("fr-FR,en;q=0.5"));
  }

  @Test
  void aMalformedHeaderStillCountsItsLanguages() {
    // What Chromium sends when told to accept "en-US,en;q=0.9": it adds its own q-values.
    assertEquals(Locale.ENGLISH, LocaleBean.preferred("en-US,en;q=0.9;q=0.9"));
    assertEquals(Locale.JAPANESE, LocaleBean.preferred("ja-JP;q=x,en"));
    assertEquals(Locale.JAPANESE, LocaleBean.preferred("fr;q=0.9;q=0.9,de"));
  }

  @Test
  void japaneseWithoutAHeaderOrForOtherLanguages() {
    assertEquals(Locale.JAPANESE, LocaleBean.preferred(null));
    assertEquals(Locale.JAPANESE, LocaleBean.preferred("fr-FR,de"));
    assertEquals(Locale.JAPANESE, LocaleBean.preferred(";;;q=x"));
  }
}
