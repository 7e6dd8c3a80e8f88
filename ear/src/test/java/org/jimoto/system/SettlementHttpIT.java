package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * #12 settlement on the running EAR (Payara Server's batch runtime, the job XML in the EJB jar):
 * the administrator closes a long-past period of the gift certificates (no payments in it, so the
 * demo data of other tests is untouched) and sees it closed; a period not over is refused and
 * changes nothing; the auditor reads without the form, the clerk is kept out, and only the
 * administrator takes a payout file.
 */
class SettlementHttpIT {

  @Test
  void administratorClosesAPastPeriodAndIsRefusedAnOpenOne_R53() throws Exception {
    var admin = new PortalClient("admin");
    admin.login("city-admin", PortalClient.PASSWORD);
    assertEquals(200, admin.get("/app/settlement.xhtml").statusCode());
    assertEquals("精算の締め", admin.page().getElementById("settlementTitle").text());

    // A period not over yet: refused, nothing started.
    String today = LocalDate.now(ZoneId.of("Asia/Tokyo")).toString();
    admin.submit("closeForm", "closeNow", Map.of("service", "WAKABA_GIFT", "day", today));
    String refused = admin.errorMessage();
    assertNotNull(refused, "a refusal for an open period");
    assertTrue(refused.contains("まだ終わっていない"), refused);

    // 2001-01-01..15 (R-50 semi-monthly): over long ago; a second run of this test finds it closed.
    admin.get("/app/settlement.xhtml");
    admin.submit("closeForm", "closeNow", Map.of("service", "WAKABA_GIFT", "day", "2001-01-10"));
    assertNull(admin.errorMessage(), admin.last().url().toString());
    Element row = null;
    for (int i = 0; i < 100 && row == null; i++) {
      admin.get("/app/settlement.xhtml");
      row =
          admin.page().select("#runs tbody tr").stream()
              .filter(tr -> tr.text().contains("WAKABA_GIFT"))
              .filter(tr -> tr.text().contains("2001-01-01 – 2001-01-15"))
              .filter(tr -> tr.text().contains("締め済み"))
              .findFirst()
              .orElse(null);
      if (row == null) {
        Thread.sleep(300);
      }
    }
    assertNotNull(row, "the close of 2001-01-01..15 finished");
    assertTrue(
        row.text().contains("2001-01-31"), "paid the month end (seed 003 rule): " + row.text());
    // No payment in it: nothing due, so no file for its payout date to make; a file id
    // that was never made is not found, and a download never makes one.
    assertEquals(404, admin.getFile("/app/settlement/zengin?file=999999999").statusCode());
    assertEquals(400, admin.getFile("/app/settlement/zengin?date=2001-01-31").statusCode());

    var auditor = new PortalClient("admin");
    auditor.login("city-auditor", PortalClient.PASSWORD);
    assertEquals(200, auditor.get("/app/settlement.xhtml").statusCode());
    assertNull(auditor.page().getElementById("closeForm"), "the auditor only reads");
    assertEquals(403, auditor.getFile("/app/settlement/zengin?file=999999999").statusCode());

    var clerk = new PortalClient("admin");
    clerk.login("city-clerk", PortalClient.PASSWORD);
    assertEquals(403, clerk.get("/app/settlement.xhtml").statusCode());
  }
}
