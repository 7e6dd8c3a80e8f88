package org.jimoto.resident.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class ResidentTest {

  private final LocalDateTime now = LocalDateTime.of(2026, 11, 22, 10, 0);

  @Test
  void cardMemberCodeIsEightDigitsWithACheckDigit_R01() {
    var card =
        Resident.cardMember(
            "鈴木 ハル", "スズキ ハル", LocalDate.of(1946, 4, 1), "本町", "0270", "12345674", now);
    assertEquals(Membership.CARD, card.getMembership());
    assertTrue(card.isCardEnabled());
    for (String bad : new String[] {"1234567", "123456789", "1234567a", "12345678", "", null}) {
      assertThrows(
          IllegalArgumentException.class,
          () -> Resident.cardMember("x", "x", LocalDate.of(1990, 1, 1), "x", "x", bad, now),
          String.valueOf(bad));
    }
  }

  @Test
  void appMemberHasNoCard_R01() {
    var app =
        Resident.appMember(
            "山田 花子", "ヤマダ ハナコ", LocalDate.of(1988, 5, 14), "緑町", "h@example.jp", "090", now);
    assertEquals(Membership.APP, app.getMembership());
    assertNull(app.getCardMemberCode());
  }
}
