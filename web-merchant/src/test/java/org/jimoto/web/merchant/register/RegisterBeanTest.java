package org.jimoto.web.merchant.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The amount as a clerk types it at the register: whole yen, however it is written. */
class RegisterBeanTest {

  @Test
  void theAmountIsReadAsTypedAtAJapaneseTill() {
    assertEquals(1200L, RegisterBean.yen("1200"));
    assertEquals(1200L, RegisterBean.yen("1,200"));
    assertEquals(1200L, RegisterBean.yen("１２００"), "full-width digits of an input method");
    assertEquals(1200L, RegisterBean.yen("¥1,200"));
    assertEquals(1200L, RegisterBean.yen(" 1200円 "));
    assertEquals(0L, RegisterBean.yen("0"), "the ledger refuses it with its own message");
  }

  @Test
  void anythingButWholeYenIsNoAmount() {
    assertNull(RegisterBean.yen(null));
    assertNull(RegisterBean.yen(""));
    assertNull(RegisterBean.yen("12.5"));
    assertNull(RegisterBean.yen("-5"));
    assertNull(RegisterBean.yen("1e3"));
    assertNull(RegisterBean.yen("12 00"));
    assertNull(RegisterBean.yen("9999999999999"), "more digits than any payment");
  }
}
