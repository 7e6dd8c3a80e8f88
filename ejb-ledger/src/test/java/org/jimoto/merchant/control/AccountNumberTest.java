package org.jimoto.merchant.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jimoto.merchant.control.AccountNumber.Problem;
import org.jimoto.merchant.control.AccountNumber.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** #9 item 8, R-54: an account number is the Zengin record's 7 digits. */
class AccountNumberTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "1234567, 1234567",
    // a passbook that prints the number without its leading zeros
    "12345, 0012345",
    "0012345, 0012345",
    "１２３４５６７, 1234567",
    "'123 4567', 1234567",
    "123-4567, 1234567",
  })
  void sevenDigitsZeroPaddedOnTheLeft(String typed, String digits) {
    assertEquals(new Result.Valid(digits), AccountNumber.check(typed, "0001"));
  }

  @ParameterizedTest(name = "{0} at {1}: {2}")
  @CsvSource({
    "'', 0001, EMPTY",
    "12345678, 0001, TOO_LONG",
    "12a4567, 0001, NOT_DIGITS",
    "0000000, 0001, ALL_ZEROS",
    "000, 0001, ALL_ZEROS",
    // Japan Post Bank's passbook number (記号番号's 8 digits) is not its number for transfers
    "12345671, 9900, JAPAN_POST_SAVINGS_NUMBER",
  })
  void refused(String typed, String bank, Problem problem) {
    assertEquals(new Result.Invalid(problem), AccountNumber.check(typed, bank));
  }

  @Test
  void maskedShowsTheLastThreeDigitsOnly() {
    assertEquals("****567", AccountNumber.masked("1234567"));
    assertEquals("****", AccountNumber.masked(null));
  }
}
