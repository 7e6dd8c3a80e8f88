package org.jimoto.grant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jimoto.FoundationDeployment;
import org.jimoto.LedgerFixtures;
import org.jimoto.TestQueries;
import org.jimoto.charge.boundary.CreditOutcome;
import org.jimoto.demo.boundary.DemoData;
import org.jimoto.grant.boundary.BulkGrantOutcome;
import org.jimoto.grant.boundary.CityGrants;
import org.jimoto.grant.boundary.GrantPreview;
import org.jimoto.grant.boundary.GrantPreview.Status;
import org.jimoto.grant.boundary.GrantService;
import org.jimoto.ledger.boundary.Refusal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * #11 item 4, R-12, R-83, R-94: grants from the admin portal. A bulk-grant CSV file is previewed
 * row by row, granted all or nothing, and never twice; the roles are checked by the EJB container.
 */
@ExtendWith(ArquillianExtension.class)
class BulkGrantsIntegrationTest {

  @Deployment
  static WebArchive deployment() {
    return StaffCallers.withRolePrincipals(
        FoundationDeployment.create(TestQueries.class, LedgerFixtures.class));
  }

  @Inject DemoData demoData;
  @Inject TestQueries db;
  @Inject LedgerFixtures fixtures;
  @Inject CityGrants grants;
  @Inject GrantService ledgerGrants;
  @Inject StaffCallers.AsAdmin admin;
  @Inject StaffCallers.AsClerk clerk;
  @Inject StaffCallers.AsAuditor auditor;

  private static final LocalDate EXPIRY = LocalDate.now().plusYears(1);

  @BeforeEach
  void demoCity() {
    demoData.loadIntoEmptyDatabase("pw".toCharArray());
  }

  private long grants(long residentId) {
    return ((Number)
            db.single(
                "SELECT COUNT(*) FROM transfer WHERE operation = 'GRANT' AND resident_id = "
                    + residentId))
        .longValue();
  }

  private long grantedYen(long residentId) {
    return ((Number)
            db.single(
                "SELECT COALESCE(SUM(amount_yen), 0) FROM transfer WHERE operation = 'GRANT'"
                    + " AND resident_id = "
                    + residentId))
        .longValue();
  }

  private long audited(String action) {
    return ((Number) db.single("SELECT COUNT(*) FROM audit_event WHERE action = '" + action + "'"))
        .longValue();
  }

  @Test
  void aFileWithABadRowGrantsNothingThenTheFixedFileGrantsOnce_R12_R83() {
    Object[] a = fixtures.newCardMember();
    Object[] b = fixtures.newCardMember();
    long ra = (Long) a[0];
    long rb = (Long) b[0];
    String bad =
        "member_code,service,amount,expires_on,reason\n"
            + a[1]
            + ",WAKABA_POINT,1500,"
            + EXPIRY
            + ",清掃ボランティア\n"
            + "99999997,WAKABA_POINT,500,"
            + EXPIRY
            + ",\n"
            + b[1]
            + ",WAKABA_POINT,12x,"
            + EXPIRY
            + ",\n"
            + b[1]
            + ",NO_SUCH,100,"
            + EXPIRY
            + ",\n"
            + b[1]
            + ",WAKABA_POINT,100,2027-02-30,\n";
    byte[] badFile = bad.getBytes(StandardCharsets.UTF_8);

    GrantPreview preview = admin.call(() -> grants.preview(badFile, "防災訓練参加"));
    assertNull(preview.fileError());
    assertEquals(5, preview.rows().size());
    assertEquals(Status.TO_GRANT, preview.rows().get(0).status());
    assertEquals(Refusal.UNKNOWN_RESIDENT, preview.rows().get(1).error());
    assertEquals(Refusal.AMOUNT_NOT_A_WHOLE_NUMBER, preview.rows().get(2).error());
    assertEquals(Refusal.UNKNOWN_SERVICE, preview.rows().get(3).error());
    assertEquals(Refusal.GRANT_DATE_INVALID, preview.rows().get(4).error());
    assertEquals(4, preview.errorCount());

    // Nothing is granted while any row has an error, not even the good row.
    var refused = admin.call(() -> grants.grantFile(badFile, "防災訓練参加"));
    assertInstanceOf(BulkGrantOutcome.Invalid.class, refused);
    assertEquals(0, grants(ra));
    assertEquals(0, grants(rb));

    // Fixed, saved by Excel as Shift_JIS with CRLF: granted once.
    String fixed =
        "会員番号,サービス,金額,有効期限,理由\r\n"
            + a[1]
            + ",WAKABA_POINT,\"1,500\","
            + EXPIRY
            + ",清掃ボランティア\r\n"
            + b[1]
            + ",WAKABA_POINT,700,"
            + EXPIRY.toString().replace('-', '/')
            + ",\r\n";
    byte[] sjis = fixed.getBytes(Charset.forName("windows-31j"));
    long auditedBefore = audited("GRANT");
    var done = admin.call(() -> grants.grantFile(sjis, "防災訓練参加"));
    assertEquals(new BulkGrantOutcome.Granted(2, 2_200, 0), done);
    assertEquals(1_500, grantedYen(ra));
    assertEquals(700, grantedYen(rb));
    assertEquals(auditedBefore + 2, audited("GRANT"));
    assertEquals(
        "防災訓練参加",
        db.single("SELECT note FROM transfer WHERE operation = 'GRANT' AND resident_id = " + rb));

    // The same file again, even re-saved as UTF-8 with a BOM and LF: nothing granted twice.
    byte[] bom = ("\uFEFF" + fixed.replace("\r\n", "\n")).getBytes(StandardCharsets.UTF_8);
    GrantPreview again = admin.call(() -> grants.preview(bom, "防災訓練参加"));
    assertEquals(2, again.alreadyGrantedCount());
    assertEquals(0, again.toGrantCount());
    assertEquals(
        new BulkGrantOutcome.Granted(0, 0, 2), admin.call(() -> grants.grantFile(bom, "x")));
    assertEquals(1, grants(ra));
    assertEquals(1, grants(rb));
  }

  @Test
  void aLostCardsRowIsRefusedAsCardLostAsASingleGrantIs_finding9() {
    Object[] lost = fixtures.newCardMember();
    fixtures.execute("UPDATE resident SET card_enabled = FALSE WHERE id = " + lost[0]);
    fixtures.execute(
        "INSERT INTO card_loss (card_resident_id, reported_at, reported_by) VALUES ("
            + lost[0]
            + ", CURRENT_TIMESTAMP, 'test')");
    byte[] file =
        ("member_code,service,amount,expires_on,reason\n"
                + lost[1]
                + ",WAKABA_POINT,100,"
                + EXPIRY
                + ",清掃ボランティア\n")
            .getBytes(StandardCharsets.UTF_8);
    GrantPreview preview = admin.call(() -> grants.preview(file, "防災訓練参加"));
    assertEquals(Refusal.CARD_LOST, preview.rows().get(0).error());
  }

  @Test
  void aGrantIdColumnKeepsARowFromBeingGrantedTwiceAcrossFiles() {
    Object[] a = fixtures.newCardMember();
    long ra = (Long) a[0];
    String id = "volunteer-" + UUID.randomUUID();
    String first =
        "grant_id,member_code,service,amount,expires_on\n"
            + id
            + ","
            + a[1]
            + ",WAKABA_POINT,300,"
            + EXPIRY
            + "\n";
    assertEquals(
        new BulkGrantOutcome.Granted(1, 300, 0),
        admin.call(() -> grants.grantFile(first.getBytes(StandardCharsets.UTF_8), "清掃")));
    // Another file (a row added) holding the same grant id: that row is skipped.
    Object[] b = fixtures.newCardMember();
    String second =
        first + "new-" + UUID.randomUUID() + "," + b[1] + ",WAKABA_POINT,200," + EXPIRY + "\n";
    assertEquals(
        new BulkGrantOutcome.Granted(1, 200, 1),
        admin.call(() -> grants.grantFile(second.getBytes(StandardCharsets.UTF_8), "清掃")));
    assertEquals(300, grantedYen(ra));
    assertEquals(200, grantedYen((Long) b[0]));
  }

  @Test
  void aCorrectedReorderedExtendedFileGrantsOnlyTheChangedAndNewRows_R12_R83() {
    Object[] a = fixtures.newCardMember();
    Object[] b = fixtures.newCardMember();
    Object[] c = fixtures.newCardMember();
    Object[] d = fixtures.newCardMember();
    String header = "member_code,service,amount,expires_on\n";
    String rowA = a[1] + ",WAKABA_POINT,100," + EXPIRY + "\n";
    String rowB = b[1] + ",WAKABA_POINT,200," + EXPIRY + "\n";
    String rowC = c[1] + ",WAKABA_POINT,300," + EXPIRY + "\n";
    byte[] fileA = (header + rowA + rowB + rowC).getBytes(StandardCharsets.UTF_8);
    assertEquals(
        new BulkGrantOutcome.Granted(3, 600, 0),
        admin.call(() -> grants.grantFile(fileA, "防災訓練参加")));

    // B's amount corrected to 250, the rows reordered, D appended.
    String rowB2 = b[1] + ",WAKABA_POINT,250," + EXPIRY + "\n";
    String rowD = d[1] + ",WAKABA_POINT,400," + EXPIRY + "\n";
    byte[] fileA2 = (header + rowC + rowB2 + rowA + rowD).getBytes(StandardCharsets.UTF_8);
    GrantPreview preview = admin.call(() -> grants.preview(fileA2, "防災訓練参加"));
    assertEquals(Status.ALREADY_GRANTED, preview.rows().get(0).status());
    assertEquals(Status.TO_GRANT, preview.rows().get(1).status());
    assertEquals(Status.ALREADY_GRANTED, preview.rows().get(2).status());
    assertEquals(Status.TO_GRANT, preview.rows().get(3).status());
    assertEquals(
        new BulkGrantOutcome.Granted(2, 650, 2),
        admin.call(() -> grants.grantFile(fileA2, "防災訓練参加")));
    assertEquals(100, grantedYen((Long) a[0]));
    assertEquals(450, grantedYen((Long) b[0])); // the city takes back the first 200 by hand
    assertEquals(300, grantedYen((Long) c[0]));
    assertEquals(400, grantedYen((Long) d[0]));
  }

  @Test
  void aGrantIdReusedForAnotherGrantIsAConflictNotASilentSkip() {
    Object[] a = fixtures.newCardMember();
    Object[] b = fixtures.newCardMember();
    // Two programmes both number their rows 1..n.
    String prefix = "p-" + UUID.randomUUID() + "-";
    String first =
        "grant_id,member_code,service,amount,expires_on\n"
            + prefix
            + "1,"
            + a[1]
            + ",WAKABA_POINT,300,"
            + EXPIRY
            + "\n";
    assertEquals(
        new BulkGrantOutcome.Granted(1, 300, 0),
        admin.call(() -> grants.grantFile(first.getBytes(StandardCharsets.UTF_8), "清掃")));
    String second =
        "grant_id,member_code,service,amount,expires_on\n"
            + prefix
            + "1,"
            + b[1]
            + ",WAKABA_POINT,500,"
            + EXPIRY
            + "\n";
    byte[] secondFile = second.getBytes(StandardCharsets.UTF_8);
    GrantPreview preview = admin.call(() -> grants.preview(secondFile, "献血"));
    assertEquals(Status.ERROR, preview.rows().get(0).status());
    assertEquals(Refusal.GRANT_ID_CONFLICT, preview.rows().get(0).error());
    assertInstanceOf(
        BulkGrantOutcome.Invalid.class, admin.call(() -> grants.grantFile(secondFile, "献血")));
    assertEquals(0, grants((Long) b[0]));
    // The same grant under the same id: already granted.
    GrantPreview same =
        admin.call(() -> grants.preview(first.getBytes(StandardCharsets.UTF_8), "x"));
    assertEquals(Status.ALREADY_GRANTED, same.rows().get(0).status());
    assertEquals(300, grantedYen((Long) a[0]));
  }

  @Test
  void aRowTheLedgerRefusesRollsTheWholeFileBack_R14() {
    Object[] a = fixtures.newCardMember();
    Object[] b = fixtures.newCardMember();
    // A point service of its own with a holding limit of 500: the preview passes the row (the
    // holding limit is the ledger's, under the wallet's lock), the ledger refuses it.
    String limited = "TPL" + (System.nanoTime() % 1_000_000_000L);
    fixtures.newPointService(limited);
    fixtures.execute(
        "UPDATE value_service SET holding_limit_yen = 500 WHERE code = '" + limited + "'");
    String csv =
        "member_code,service,amount,expires_on\n"
            + a[1]
            + ",WAKABA_POINT,100,"
            + EXPIRY
            + "\n"
            + b[1]
            + ","
            + limited
            + ",600,"
            + EXPIRY
            + "\n";
    var out = admin.call(() -> grants.grantFile(csv.getBytes(StandardCharsets.UTF_8), "テスト"));
    var refused = assertInstanceOf(BulkGrantOutcome.Refused.class, out);
    assertEquals(2, refused.row());
    assertEquals(Refusal.HOLDING_LIMIT_EXCEEDED, refused.refusal());
    assertEquals(0, grants((Long) a[0]));
  }

  @Test
  void pointsOnlyWithinTheCeilingAndTheLatestExpiryAndAClerkWithinHers_R12_R83() {
    Object[] a = fixtures.newCardMember();
    long ra = (Long) a[0];
    LocalDate latest = LocalDate.now().plusYears(2); // jimoto.grant.max-validity-years
    String csv =
        "member_code,service,amount,expires_on\n"
            + a[1]
            + ",WAKABA_COIN,1000,"
            + EXPIRY
            + "\n"
            + a[1]
            + ",WAKABA_POINT,100001,"
            + EXPIRY
            + "\n"
            + a[1]
            + ",WAKABA_POINT,100000,"
            + latest
            + "\n"
            + a[1]
            + ",WAKABA_POINT,100,"
            + latest.plusDays(1)
            + "\n";
    byte[] file = csv.getBytes(StandardCharsets.UTF_8);
    var rows = admin.call(() -> grants.preview(file, "上限の確認")).rows();
    assertEquals(Refusal.GRANT_SERVICE_NOT_POINTS, rows.get(0).error());
    assertEquals(Refusal.GRANT_ABOVE_MAXIMUM, rows.get(1).error());
    assertEquals(100_000L, rows.get(1).errorArgs()[0]);
    assertEquals(GrantPreview.Status.TO_GRANT, rows.get(2).status(), "at the bounds exactly");
    assertEquals(Refusal.GRANT_EXPIRY_TOO_LATE, rows.get(3).error());
    assertInstanceOf(
        BulkGrantOutcome.Invalid.class, admin.call(() -> grants.grantFile(file, "上限の確認")));
    assertEquals(0, grants(ra));

    // One grant: the same bounds, and a window clerk's smaller ceiling (10,000).
    assertEquals(
        Refusal.GRANT_SERVICE_NOT_POINTS,
        refused(
            clerk.call(
                () -> grants.grantOne((String) a[1], "WAKABA_COIN", 100, EXPIRY, "x", key()))));
    assertEquals(
        Refusal.GRANT_EXPIRY_TOO_LATE,
        refused(
            clerk.call(
                () ->
                    grants.grantOne(
                        (String) a[1], "WAKABA_POINT", 100, latest.plusDays(1), "x", key()))));
    assertEquals(
        Refusal.GRANT_ABOVE_CLERK_MAXIMUM,
        refused(
            clerk.call(
                () -> grants.grantOne((String) a[1], "WAKABA_POINT", 10_001, EXPIRY, "x", key()))));
    assertEquals(
        Refusal.GRANT_ABOVE_MAXIMUM,
        refused(
            admin.call(
                () ->
                    grants.grantOne((String) a[1], "WAKABA_POINT", 100_001, EXPIRY, "x", key()))));
    assertEquals(0, grants(ra));
    assertInstanceOf(
        CreditOutcome.Done.class,
        clerk.call(
            () -> grants.grantOne((String) a[1], "WAKABA_POINT", 10_000, EXPIRY, "x", key())));
    assertInstanceOf(
        CreditOutcome.Done.class,
        admin.call(
            () -> grants.grantOne((String) a[1], "WAKABA_POINT", 10_001, EXPIRY, "x", key())));
    assertEquals(20_001, grantedYen(ra));

    // #11 review 2: the single-grant EJB (GrantService) keeps the same bounds, the clerk's
    // ceiling taken from the caller's roles; a missing expiry date is refused, not an NPE.
    long r = ra;
    assertEquals(
        Refusal.GRANT_SERVICE_NOT_POINTS,
        refused(admin.call(() -> ledgerGrants.grant(r, "WAKABA_COIN", 100, EXPIRY, "x"))));
    assertEquals(
        Refusal.GRANT_ABOVE_MAXIMUM,
        refused(admin.call(() -> ledgerGrants.grant(r, "WAKABA_POINT", 100_001, EXPIRY, "x"))));
    assertEquals(
        Refusal.GRANT_ABOVE_CLERK_MAXIMUM,
        refused(clerk.call(() -> ledgerGrants.grant(r, "WAKABA_POINT", 10_001, EXPIRY, "x"))));
    assertEquals(
        Refusal.GRANT_EXPIRY_TOO_LATE,
        refused(
            admin.call(() -> ledgerGrants.grant(r, "WAKABA_POINT", 100, latest.plusDays(1), "x"))));
    assertEquals(
        Refusal.GRANT_EXPIRY_MISSING,
        refused(admin.call(() -> ledgerGrants.grant(r, "WAKABA_POINT", 100, null, "x"))));
    assertEquals(
        Refusal.GRANT_EXPIRY_MISSING,
        refused(
            admin.call(
                () -> grants.grantOne((String) a[1], "WAKABA_POINT", 100, null, "x", key()))));
    assertEquals(20_001, grantedYen(ra));
    assertInstanceOf(
        CreditOutcome.Done.class,
        admin.call(() -> ledgerGrants.grant(r, "WAKABA_POINT", 10_001, EXPIRY, "x")));
    assertEquals(30_002, grantedYen(ra));
  }

  private static String key() {
    return UUID.randomUUID().toString();
  }

  private static Refusal refused(CreditOutcome outcome) {
    return assertInstanceOf(CreditOutcome.Refused.class, outcome).refusal();
  }

  @Test
  void aClerkGrantsOneResidentOncePerFormAndTheAuditorNever_R94() {
    Object[] a = fixtures.newCardMember();
    long ra = (Long) a[0];
    String key = UUID.randomUUID().toString();
    var done =
        clerk.call(() -> grants.grantOne((String) a[1], "WAKABA_POINT", 400, EXPIRY, "献血", key));
    assertInstanceOf(CreditOutcome.Done.class, done);
    var twice =
        clerk.call(() -> grants.grantOne((String) a[1], "WAKABA_POINT", 400, EXPIRY, "献血", key));
    assertEquals(
        Refusal.GRANT_ALREADY_DONE, assertInstanceOf(CreditOutcome.Refused.class, twice).refusal());
    assertEquals(400, grantedYen(ra));

    // The clerk's window work is one resident; a file is the office's.
    byte[] file =
        ("member_code,service,amount,expires_on\n" + a[1] + ",WAKABA_POINT,1," + EXPIRY + "\n")
            .getBytes(StandardCharsets.UTF_8);
    assertAccessRefused(() -> clerk.call(() -> grants.grantFile(file, "x")));
    // The auditor reads, never changes (#11).
    assertAccessRefused(() -> auditor.call(() -> grants.preview(file, "x")));
    assertAccessRefused(() -> auditor.call(() -> grants.grantFile(file, "x")));
    assertAccessRefused(
        () ->
            auditor.call(
                () -> grants.grantOne((String) a[1], "WAKABA_POINT", 1, EXPIRY, "x", "k-" + key)));
    assertEquals(400, grantedYen(ra));

    // #11 review finding 3: GrantService too is guarded at the boundary, the actor its caller.
    long r = ra;
    assertAccessRefused(() -> ledgerGrants.grant(r, "WAKABA_POINT", 1, EXPIRY, "x"));
    assertAccessRefused(
        () -> auditor.call(() -> ledgerGrants.grant(r, "WAKABA_POINT", 1, EXPIRY, "x")));
    var own =
        assertInstanceOf(
            CreditOutcome.Done.class,
            clerk.call(() -> ledgerGrants.grant(r, "WAKABA_POINT", 5, EXPIRY, "窓口で付与")));
    String tran = own.credit().parts().get(0).tranId();
    assertAccessRefused(() -> clerk.call(() -> ledgerGrants.cancelGrant(tran, "誤り")));
    assertEquals(405, grantedYen(ra));
    assertEquals(
        1L,
        db.count(
            "audit_event WHERE action = 'GRANT' AND actor = 'test-city_clerk' AND detail LIKE"
                + " '%tranId "
                + tran
                + "%'"));
  }

  private static void assertAccessRefused(Runnable r) {
    EJBException e = assertThrows(EJBException.class, r::run);
    Throwable t = e;
    while (t != null && !(t instanceof EJBAccessException)) {
      t = t.getCause();
    }
    if (t == null) {
      throw new AssertionError("not an access refusal", e);
    }
  }
}
