package org.jimoto.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.jimoto.identity.control.PasswordPolicy.Violation;
import org.junit.jupiter.api.Test;

/** R-62, #8 finding 11: length, not the login name, not a known or guessable password. */
class PasswordPolicyTest {

  @Test
  void aLongUnusualPassphraseIsAccepted() {
    assertEquals(
        Set.of(),
        PasswordPolicy.check("wakaba-riverside-4711-tanuki", "hanako@example.jp", "山田 花子"));
    assertEquals(Set.of(), PasswordPolicy.check("若葉川の桜は四月に満開", "taro@example.jp", "若葉 太郎"));
  }

  @Test
  void shorterThanTenCharactersIsRefused() {
    assertEquals(
        Set.of(Violation.TOO_SHORT), PasswordPolicy.check("Zq7#vL2!", "city-admin", "管理者"));
  }

  @Test
  void containingTheLoginNameIsRefused() {
    assertEquals(
        Set.of(Violation.CONTAINS_LOGIN_NAME),
        PasswordPolicy.check("Hanako-wakaba-2026!", "hanako@example.jp", "山田 花子"));
    assertEquals(
        Set.of(Violation.CONTAINS_LOGIN_NAME),
        PasswordPolicy.check("my-wakaba-ekimae-pw", "wakaba-ekimae", "わかば駅前店"));
  }

  @Test
  void breachedOrGuessablePasswordsAreRefused() {
    for (String common : new String[] {"1234567890", "qwertyuiop", "password123", "Password1234"}) {
      assertEquals(
          Set.of(Violation.TOO_COMMON), PasswordPolicy.check(common, "city-clerk", "窓口"), common);
    }
  }

  @Test
  void overlongIsRefusedWithoutEstimating() {
    assertEquals(Set.of(Violation.TOO_LONG), PasswordPolicy.check("x".repeat(129), "a", null));
  }
}
