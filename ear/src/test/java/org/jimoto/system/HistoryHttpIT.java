package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The merchant portal's history and CSV download over HTTP, logged in as
 * the demo shop accounts: S0001 (wakaba-honten) takes a card payment at its till through the POS
 * API; its CSV has exactly the R-71 header and the payment's values, in UTF-8 with a byte-order
 * mark or in Shift_JIS; the station shop S0002 (wakaba-ekimae) cannot reach that row however the
 * URL names S0001's shop, terminal or transaction ID.
 */
class HistoryHttpIT {

  /** seed 004's 「取引管理 CSVダウンロード操作説明一覧」, in its order. */
  private static final List<String> R71 =
      List.of(
          "tranId",
          "serviceOperatorId",
          "serviceId",
          "serviceDisplayName",
          "serviceType",
          "operationType",
          "operationId",
          "operationName",
          "merchantDisplayName",
          "merchantId",
          "shopDisplayName",
          "shopId",
          "terminalDisplayName",
          "terminalId",
          "terminalType",
          "uid",
          "amount",
          "beforeValue",
          "afterValue",
          "note1",
          "note2",
          "note3",
          "targetAmount",
          "targetTranId",
          "from",
          "to",
          "closed",
          "status",
          "createdAt",
          "updatedAt");

  private static String tranId;
  private static long amount;
  private static String period;

  /** One card payment at S0001's till T0001, through the POS API. */
  @BeforeAll
  static void aPaymentAtTheMainShop() throws Exception {
    String logins =
        Files.readString(Path.of(System.getProperty("jimoto.it.dataDir"), "demo-logins.txt"));
    Matcher m = Pattern.compile("(?m)^T0001\\s+\\S+\\s+([0-9a-f]{64})$").matcher(logins);
    assertTrue(m.find(), "credential of T0001 in demo-logins.txt");
    String auth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("T0001:" + m.group(1)).getBytes(StandardCharsets.UTF_8));
    amount = 100 + (System.nanoTime() % 800);
    var paid =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(PortalClient.BASE_URL + "/merchant/api/v1/payments"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", auth)
                    .header("Idempotency-Key", "hist-" + UUID.randomUUID())
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"payer\":\"12345674\",\"service\":\"WAKABA_COIN\",\"amount\":"
                                + amount
                                + "}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(201, paid.statusCode(), paid.body());
    Matcher tran = Pattern.compile("\"tranId\":\"([^\"]+)\"").matcher(paid.body());
    assertTrue(tran.find(), paid.body());
    tranId = tran.group(1);
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Tokyo"));
    period = "from=" + today + "T00:00&to=" + today.plusDays(1) + "T00:00";
  }

  private static PortalClient login(String name) throws Exception {
    var client = new PortalClient("merchant");
    client.login(name, PortalClient.PASSWORD);
    assertTrue(
        client.last().url().getPath().endsWith("/app/home.xhtml"), client.last().url().toString());
    return client;
  }

  private static List<CSVRecord> csv(String text) throws Exception {
    return CSVFormat.DEFAULT
        .builder()
        .setHeader()
        .build()
        .parse(new StringReader(text))
        .getRecords();
  }

  private static List<String> header(String text) throws Exception {
    return CSVFormat.DEFAULT
        .builder()
        .setHeader()
        .build()
        .parse(new StringReader(text))
        .getHeaderNames();
  }

  private static String utf8WithBom(byte[] body) {
    assertEquals(
        List.of(0xEF, 0xBB, 0xBF), List.of(body[0] & 0xFF, body[1] & 0xFF, body[2] & 0xFF), "BOM");
    return new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
  }

  @Test
  void aShopDownloadsItsHistoryAsTheR71CsvInUtf8OrShiftJis_R71_R74() throws Exception {
    var shop = login("wakaba-honten");
    var response = shop.get("/app/history.csv?" + period + "&tranId=" + tranId);
    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.contentType().startsWith("text/csv"), response.contentType());
    assertTrue(
        response.header("Content-Disposition").startsWith("attachment; filename=\"transactions-"),
        response.header("Content-Disposition"));
    String text = utf8WithBom(response.bodyAsBytes());
    assertEquals(R71, header(text));
    List<CSVRecord> rows = csv(text);
    assertEquals(1, rows.size(), text);
    CSVRecord row = rows.get(0);
    assertEquals(tranId, row.get("tranId"));
    assertEquals("WAKABA_COIN", row.get("serviceId"));
    assertEquals("わかばコイン", row.get("serviceDisplayName"));
    assertEquals("SUB", row.get("operationType"));
    assertEquals("OP1", row.get("operationId"));
    assertEquals("利用", row.get("operationName"));
    assertEquals("株式会社わかば商店", row.get("merchantDisplayName"));
    assertEquals("B0001", row.get("merchantId"));
    assertEquals("わかば商店 本店", row.get("shopDisplayName"));
    assertEquals("S0001", row.get("shopId"));
    assertEquals("T0001", row.get("terminalId"));
    assertEquals(String.valueOf(amount), row.get("amount"));
    assertEquals(
        Long.parseLong(row.get("beforeValue")) - amount, Long.parseLong(row.get("afterValue")));
    assertEquals("T0001", row.get("to"));
    assertEquals("1", row.get("status"));
    assertTrue(row.get("createdAt").matches("\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}"));

    // The shop's whole day: every row is its own.
    String day = utf8WithBom(shop.get("/app/history.csv?" + period).bodyAsBytes());
    List<CSVRecord> all = csv(day);
    assertTrue(all.size() >= 1);
    assertTrue(all.stream().allMatch(r -> r.get("shopId").equals("S0001")), day);

    // Shift_JIS (Windows-31J) for older Excel: no byte-order mark, the same header and values.
    var sjis = shop.get("/app/history.csv?" + period + "&tranId=" + tranId + "&encoding=sjis");
    assertEquals(200, sjis.statusCode());
    assertTrue(sjis.contentType().contains("Shift_JIS"), sjis.contentType());
    byte[] bytes = sjis.bodyAsBytes();
    assertEquals('t', bytes[0], "no byte-order mark");
    String decoded = new String(bytes, Charset.forName("windows-31j"));
    assertEquals(R71, header(decoded));
    CSVRecord sjisRow = csv(decoded).get(0);
    assertEquals("わかば商店 本店", sjisRow.get("shopDisplayName"));
    assertEquals(row.toMap(), sjisRow.toMap());

    // A wrong parameter: 400 with the reason, in Japanese by default.
    var wrong = shop.get("/app/history.csv?from=yesterday");
    assertEquals(400, wrong.statusCode());
    assertTrue(wrong.body().contains("期間の開始"), wrong.body());
    assertEquals(400, shop.get("/app/history.csv?" + period + "&encoding=latin1").statusCode());
  }

  @Test
  void anotherShopCannotReachTheRowWithIdsEditedInTheUrl_R93() throws Exception {
    var other = login("wakaba-ekimae"); // S0002
    for (String edited :
        List.of(
            "&tranId=" + tranId,
            "&shop=S0001",
            "&terminal=T0001",
            "&shop=S0001&terminal=T0001&tranId=" + tranId)) {
      var response = other.get("/app/history.csv?" + period + edited);
      assertEquals(200, response.statusCode(), edited);
      String text = utf8WithBom(response.bodyAsBytes());
      assertEquals(R71, header(text));
      assertEquals(0, csv(text).size(), edited + ": " + text);
      assertTrue(!text.contains(tranId), edited);
    }
    // Its own download never shows S0001's rows either.
    String own = utf8WithBom(other.get("/app/history.csv?" + period).bodyAsBytes());
    assertTrue(csv(own).stream().noneMatch(r -> r.get("shopId").equals("S0001")), own);

    // The history page likewise: the row is not listed and the count is 0.
    var page = other.get("/app/history.xhtml?" + period + "&tranId=" + tranId);
    assertEquals(200, page.statusCode());
    String html = page.body(); // read before the page is parsed from it
    assertEquals("0", other.page().getElementById("count").text(), html);
    assertTrue(!html.contains("class=\"jm-tran\">" + tranId), html);

    // Anonymous: the download is behind the login.
    var anonymous = new PortalClient("merchant");
    var r = anonymous.getWithoutRedirect("/app/history.csv?" + period);
    assertTrue(
        r.statusCode() == 302 || r.statusCode() == 303 || r.statusCode() == 401,
        String.valueOf(r.statusCode()));
  }

  @Test
  void theShopsHistoryPageListsThePaymentWithTheFiltersCountAndTotal_R70() throws Exception {
    var shop = login("wakaba-honten");
    var page = shop.get("/app/history.xhtml?" + period + "&tranId=" + tranId);
    assertEquals(200, page.statusCode());
    String html = page.body(); // read before the page is parsed from it
    assertEquals("1", shop.page().getElementById("count").text(), html);
    assertEquals(String.format("%,d", amount), shop.page().getElementById("total").text(), html);
    assertTrue(html.contains("class=\"jm-tran\">" + tranId), html);
    // The download links carry the same filter.
    String link = shop.page().getElementById("csvSjis").attr("href");
    assertTrue(link.contains("tranId=" + tranId) && link.contains("encoding=sjis"), link);
  }
}
