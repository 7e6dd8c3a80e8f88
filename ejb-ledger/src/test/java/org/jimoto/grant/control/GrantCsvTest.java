package org.jimoto.grant.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.jimoto.ledger.boundary.Refusal;
import org.junit.jupiter.api.Test;

/** #11 item 4: reading a bulk-grant file (R-12, R-74 encodings) and its idempotency keys. */
class GrantCsvTest {

  private static final String CSV =
      "member_code,service,amount,expires_on,reason\n"
          + "12345674,WAKABA_POINT,1500,2027-03-31,清掃\n"
          + "12345682,WAKABA_POINT,-5,2027/03/31,\n"
          + "12345690,WAKABA_POINT,１，０００,2027-3-31,\n"
          + "12345690,WAKABA_POINT,abc,2027-03-31,\n"
          + "12345690,WAKABA_POINT,10,31.03.2027,\n";

  @Test
  void rowsAreReadWithTheirOwnErrors() {
    var parsed = GrantCsv.parse(CSV.getBytes(StandardCharsets.UTF_8));
    assertNull(parsed.fileError());
    assertEquals(5, parsed.rows().size());
    var first = parsed.rows().get(0);
    assertEquals(1_500L, first.amountYen());
    assertEquals(LocalDate.of(2027, 3, 31), first.expiresOn());
    assertEquals("清掃", first.reason());
    assertNull(first.error());
    assertEquals(Refusal.AMOUNT_NOT_POSITIVE, parsed.rows().get(1).error());
    assertEquals(1_000L, parsed.rows().get(2).amountYen()); // full-width digits and comma
    assertNull(parsed.rows().get(2).error());
    assertEquals(Refusal.AMOUNT_NOT_A_WHOLE_NUMBER, parsed.rows().get(3).error());
    assertEquals(Refusal.GRANT_DATE_INVALID, parsed.rows().get(4).error());
  }

  @Test
  void theSameListInAnotherEncodingHasTheSameKeys() {
    var utf8 = GrantCsv.parse(CSV.getBytes(StandardCharsets.UTF_8));
    var bom = GrantCsv.parse(("\uFEFF" + CSV).getBytes(StandardCharsets.UTF_8));
    var sjis = GrantCsv.parse(CSV.replace("\n", "\r\n").getBytes(Charset.forName("windows-31j")));
    assertEquals("清掃", sjis.rows().get(0).reason());
    for (int i = 0; i < 5; i++) {
      assertEquals(utf8.rows().get(i).idempotencyKey(), bom.rows().get(i).idempotencyKey());
      assertEquals(utf8.rows().get(i).idempotencyKey(), sjis.rows().get(i).idempotencyKey());
    }
    assertNotEquals(utf8.rows().get(0).idempotencyKey(), utf8.rows().get(1).idempotencyKey());
    var changed = GrantCsv.parse(CSV.replace("1500", "1600").getBytes(StandardCharsets.UTF_8));
    assertNotEquals(utf8.rows().get(0).idempotencyKey(), changed.rows().get(0).idempotencyKey());
  }

  @Test
  void aRowKeepsItsKeyWhenOtherRowsChangeMoveOrAreAdded_R12_R83() {
    String a = "12345674,WAKABA_POINT,1500,2027-03-31,清掃\n";
    String b = "12345682,WAKABA_POINT,700,2027-03-31,\n";
    String c = "12345690,WAKABA_POINT,300,2027-03-31,\n";
    String header = "member_code,service,amount,expires_on,reason\n";
    var first = GrantCsv.parse((header + a + b + c).getBytes(StandardCharsets.UTF_8));
    // b corrected to 800, the rows reordered, a row appended; a and c unchanged.
    var second =
        GrantCsv.parse(
            (header + c + b.replace("700", "800") + a + "12345708,WAKABA_POINT,100,2027-03-31,\n")
                .getBytes(StandardCharsets.UTF_8));
    var before = first.rows().stream().map(GrantCsv.Row::idempotencyKey).toList();
    var after = second.rows().stream().map(GrantCsv.Row::idempotencyKey).toList();
    assertEquals(before.get(2), after.get(0)); // c
    assertEquals(before.get(0), after.get(2)); // a
    assertFalse(before.contains(after.get(1))); // b changed: a new grant
    assertFalse(before.contains(after.get(3))); // appended
    // "1,500" and 2027/03/31 are the same grant as 1500 and 2027-03-31.
    var reformatted =
        GrantCsv.parse(
            (header + "12345674,WAKABA_POINT,\"1,500\",2027/03/31,清掃\n")
                .getBytes(StandardCharsets.UTF_8));
    assertEquals(before.get(0), reformatted.rows().get(0).idempotencyKey());
  }

  @Test
  void twoIdenticalRowsAreTwoGrantsAndKeepTheirKeys() {
    String header = "member_code,service,amount,expires_on\n";
    String row = "12345674,WAKABA_POINT,100,2027-03-31\n";
    var twice = GrantCsv.parse((header + row + row).getBytes(StandardCharsets.UTF_8));
    assertNotEquals(twice.rows().get(0).idempotencyKey(), twice.rows().get(1).idempotencyKey());
    assertEquals(twice.rows().get(0).contentHash(), twice.rows().get(1).contentHash());
    var thrice =
        GrantCsv.parse(
            (header + "12345682,WAKABA_POINT,5,2027-03-31\n" + row + row + row)
                .getBytes(StandardCharsets.UTF_8));
    assertEquals(twice.rows().get(0).idempotencyKey(), thrice.rows().get(1).idempotencyKey());
    assertEquals(twice.rows().get(1).idempotencyKey(), thrice.rows().get(2).idempotencyKey());
  }

  @Test
  void aGrantIdIsTheKeyAndMayNotRepeat() {
    var parsed =
        GrantCsv.parse(
            ("付与ID,会員番号,サービス,金額,有効期限\n"
                    + "v-1,12345674,WAKABA_POINT,100,2027-03-31\n"
                    + "v-1,12345682,WAKABA_POINT,100,2027-03-31\n")
                .getBytes(StandardCharsets.UTF_8));
    assertEquals("id:v-1", parsed.rows().get(0).idempotencyKey());
    assertNull(parsed.rows().get(0).error());
    assertEquals(Refusal.GRANT_ID_REPEATED, parsed.rows().get(1).error());
  }

  @Test
  void aFileWithoutAColumnOrRowsIsRefusedAsAWhole() {
    assertEquals(
        Refusal.GRANT_FILE_HEADER,
        GrantCsv.parse("member_code,amount,expires_on\n1,2,3\n".getBytes(StandardCharsets.UTF_8))
            .fileError());
    assertEquals(
        Refusal.GRANT_FILE_EMPTY,
        GrantCsv.parse("member_code,service,amount,expires_on\n".getBytes(StandardCharsets.UTF_8))
            .fileError());
    assertEquals(Refusal.GRANT_FILE_EMPTY, GrantCsv.parse(new byte[0]).fileError());
    assertEquals(
        Refusal.GRANT_FILE_TOO_LARGE, GrantCsv.parse(new byte[GrantCsv.MAX_BYTES + 1]).fileError());
  }
}
