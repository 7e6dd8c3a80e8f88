package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The merchant portal's history, cancellation, CSV, results, kit order and inquiry pages in the
 * browser (#9 items 4..7, 9, 10; R-40, R-63, R-70..R-72, R-74), as the demo shop account S0001
 * (wakaba-honten) uses them after three card payments at its till T0001 through the POS API. Every
 * figure a page shows is checked against the data: the CSV of the same filter, fetched by the
 * page's own link in the logged-in browser. Every page and state is checked by axe-core and saved
 * as screenshots in Japanese and English at 360 and 1280 px.
 */
class MerchantHistoryBrowserIT {

  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
  private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");

  /** R-71: seed 004's 「取引管理 CSVダウンロード操作説明一覧」, in its order. */
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

  /** Small amounts: the demo card's balance is shared by every system test. */
  private static final long[] AMOUNTS = {150, 250, 50};

  private static final List<String> tranIds = new ArrayList<>();
  private static LocalDateTime paidFrom;
  private static LocalDateTime paidTo;

  private Browser browser;

  /** Three card payments at S0001's till T0001, through the POS API. */
  @BeforeAll
  static void threePaymentsAtTheMainShop() throws Exception {
    String logins =
        Files.readString(Path.of(System.getProperty("jimoto.it.dataDir"), "demo-logins.txt"));
    Matcher m = Pattern.compile("(?m)^T0001\\s+\\S+\\s+([0-9a-f]{64})$").matcher(logins);
    assertTrue(m.find(), "credential of T0001 in demo-logins.txt");
    String auth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("T0001:" + m.group(1)).getBytes(StandardCharsets.UTF_8));
    paidFrom = LocalDateTime.now(TOKYO).truncatedTo(ChronoUnit.MINUTES);
    var http = HttpClient.newHttpClient();
    for (long amount : AMOUNTS) {
      var paid =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(PortalClient.BASE_URL + "/merchant/api/v1/payments"))
                  .header("Content-Type", "application/json")
                  .header("Authorization", auth)
                  .header("Idempotency-Key", "hist-browser-" + UUID.randomUUID())
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
      tranIds.add(tran.group(1));
    }
    paidTo = LocalDateTime.now(TOKYO).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
  }

  @BeforeEach
  void startBrowser(TestInfo test) {
    browser = new Browser("merchant-" + test.getTestMethod().orElseThrow().getName(), "ja");
  }

  @AfterEach
  void stopBrowser() {
    browser.close();
  }

  private void logIn(String portal, String loginName) {
    browser.open(portal, "/app/home.xhtml");
    browser.login(loginName, PortalClient.PASSWORD);
    assertTrue(browser.path().endsWith("/app/home.xhtml"), browser.path());
  }

  // ------------------------------------------------------------------ history (R-70, R-71)

  /**
   * R-70: a filter typed into the form shows its count and total; a period and terminal filter's
   * count and total are those of its own CSV (R-71), which has exactly the R-71 header in UTF-8
   * with a byte-order mark and in Shift_JIS (R-74), both fetched by the page's links.
   */
  @Test
  void aHistoryFilterShowsItsCountAndTotalAndItsCsvHasTheR71Header_R70_R71_R74() throws Exception {
    logIn("merchant", "wakaba-honten");
    browser.click("nav-history");
    assertTrue(browser.path().endsWith("/app/history.xhtml"), browser.path());
    browser.check("history-today");

    // The second payment by its transaction ID, typed into the form.
    browser.type("filterForm:tranId", tranIds.get(1));
    browser.click("filterForm:search");
    waitForText("count", "1");
    assertEquals(String.format("%,d", AMOUNTS[1]), browser.text("total"));
    assertEquals(String.format("%,d", AMOUNTS[1]), browser.text("salesYen"));
    assertEquals(List.of(tranIds.get(1)), listedTranIds());
    browser.check("history-filter-tranid");

    // The till's payments of the minutes of this test, as a bookmarked link.
    browser.open(
        "merchant",
        "/app/history.xhtml?from="
            + MINUTE.format(paidFrom)
            + "&to="
            + MINUTE.format(paidTo)
            + "&terminal=T0001");
    String utf8Link = browser.element("csvUtf8").getAttribute("href");
    String sjisLink = browser.element("csvSjis").getAttribute("href");
    assertTrue(utf8Link.contains("terminal=T0001"), utf8Link);
    assertTrue(sjisLink.endsWith("&encoding=sjis"), sjisLink);
    Browser.Download utf8 = browser.fetch(utf8Link);
    assertEquals(200, utf8.status());
    assertTrue(
        utf8.contentType().replace(" ", "").equals("text/csv;charset=UTF-8"), utf8.contentType());
    assertEquals(
        List.of(0xEF, 0xBB, 0xBF),
        List.of(utf8.body()[0] & 0xFF, utf8.body()[1] & 0xFF, utf8.body()[2] & 0xFF),
        "UTF-8 with a byte-order mark");
    String text = new String(utf8.body(), 3, utf8.body().length - 3, StandardCharsets.UTF_8);
    assertEquals(R71, header(text));
    List<CSVRecord> rows = records(text);
    for (String tran : tranIds) {
      assertTrue(rows.stream().anyMatch(r -> r.get("tranId").equals(tran)), tran + " in the CSV");
    }
    assertTrue(rows.stream().allMatch(r -> r.get("terminalId").equals("T0001")), text);
    long total = rows.stream().mapToLong(r -> Long.parseLong(r.get("amount"))).sum();
    assertEquals(String.valueOf(rows.size()), browser.text("count"), "count = the CSV's rows");
    assertEquals(String.format("%,d", total), browser.text("total"), "total = the CSV's amounts");
    long sales =
        rows.stream()
                .filter(r -> r.get("operationId").equals("OP1"))
                .mapToLong(r -> Long.parseLong(r.get("amount")))
                .sum()
            - rows.stream()
                .filter(r -> r.get("operationId").equals("OP4"))
                .mapToLong(r -> Long.parseLong(r.get("amount")))
                .sum();
    assertEquals(String.format("%,d", sales), browser.text("salesYen"), "use − use-cancel");
    browser.check("history-filter-period");

    Browser.Download sjis = browser.fetch(sjisLink);
    assertEquals(200, sjis.status());
    assertTrue(sjis.contentType().contains("Shift_JIS"), sjis.contentType());
    assertEquals('t', sjis.body()[0], "no byte-order mark in Shift_JIS");
    String decoded = new String(sjis.body(), Charset.forName("windows-31j"));
    assertEquals(R71, header(decoded));
    assertEquals(
        rows.stream().map(CSVRecord::toMap).toList(),
        records(decoded).stream().map(CSVRecord::toMap).toList(),
        "the same rows in either encoding");
    assertEquals("わかば商店 本店", records(decoded).get(0).get("shopDisplayName"));
  }

  // ------------------------------------------------------------------ cancel (R-40..R-44)

  /**
   * R-40: the cancel button opens a confirmation with the payment's transaction ID, shop, amount
   * and time; it refuses until the staff tick that they matched them, then cancels, and the payment
   * is listed as cancelled with its use-cancel row.
   */
  @Test
  void aCancelIsConfirmedWithTheTranIdShopAmountAndTimeMatched_R40() {
    String tran = tranIds.get(2);
    logIn("merchant", "wakaba-honten");
    String today = LocalDate.now(TOKYO).toString();
    String list =
        "/app/history.xhtml?from="
            + today
            + "T00:00&to="
            + LocalDate.now(TOKYO).plusDays(1)
            + "T00:00&tranId="
            + tran;
    browser.open("merchant", list);
    assertEquals("1", browser.text("count"));
    assertEquals("通常", cell(0, 8));

    // The confirmation, in each language and width (a language switch reloads the page).
    for (String lang : List.of("en", "ja")) {
      browser.language(lang);
      openCancelDialog();
      assertEquals(tran, browser.text("cancelTranId"));
      assertEquals("わかば商店 本店 (S0001)", browser.text("cancelShop"));
      assertEquals(String.valueOf(AMOUNTS[2]), browser.text("cancelAmount"));
      assertTrue(
          browser.text("cancelTime").matches(today.replace('-', '/') + " \\d{2}:\\d{2}:\\d{2}"),
          browser.text("cancelTime"));
      checkState("history-cancel-dialog");
      if (lang.equals("en")) {
        browser.click("cancelForm:close");
      }
    }

    // Not ticked: refused, the dialog stays open, nothing is cancelled.
    browser.click("cancelForm:confirm");
    waitForText("messages", "取引ID・利用店名・利用金額・利用日時を照合してから、チェックを入れてください。");
    assertTrue(browser.element("cancelForm:confirm").isDisplayed(), "the dialog stays open");
    assertEquals(
        "取引ID・利用店名・利用金額・利用日時を照合してから、チェックを入れてください。",
        browser.text("cancelForm:matchedMessage").trim(),
        "said in the dialog, not only behind its mask");
    checkState("history-cancel-not-matched");

    browser.element("cancelForm:matched").findElement(By.className("ui-chkbox-box")).click();
    browser.type("cancelForm:reason", "返品");
    browser.click("cancelForm:confirm");
    waitForText("messages", "決済 " + tran + "(" + AMOUNTS[2] + " 円)をキャンセルしました。");
    new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
        .until(
            d ->
                d.findElements(By.id("cancelForm:confirm")).stream()
                    .noneMatch(WebElement::isDisplayed));

    // The list (today's, by this transaction ID): the payment cancelled, without a cancel
    // button; its use-cancel row is a transfer of its own (R-40), with the original's ID as target.
    waitForText("count", "1");
    assertEquals("キャンセル", cell(0, 8));
    assertTrue(
        browser.driver().findElements(By.id("listForm:rows:0:cancel")).isEmpty(),
        "a cancelled payment offers no cancel");
    browser.open(
        "merchant",
        "/app/history.xhtml?from="
            + today
            + "T00:00&to="
            + LocalDate.now(TOKYO).plusDays(1)
            + "T00:00&operation=USE_CANCEL");
    List<CSVRecord> cancels =
        records(utf8(browser.fetch(browser.element("csvUtf8").getAttribute("href")).body()));
    CSVRecord cancel =
        cancels.stream()
            .filter(r -> r.get("targetTranId").equals(tran))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no use-cancel of " + tran + ": " + cancels));
    assertEquals("OP4", cancel.get("operationId"));
    assertEquals(String.valueOf(AMOUNTS[2]), cancel.get("amount"));
    assertTrue(listedTranIds().contains(cancel.get("tranId")), listedTranIds().toString());
    browser.check("history-after-cancel");
  }

  private void openCancelDialog() {
    browser.click("listForm:rows:0:cancel");
    browser.element("cancelTranId");
  }

  /**
   * The current state (an open dialog) at both widths in the current language: screenshots, axe.
   */
  private void checkState(String page) {
    List<String> failures = new ArrayList<>();
    for (int w : List.of(Browser.PHONE, Browser.DESKTOP)) {
      browser.width(w);
      browser.screenshot(page);
      browser.axeViolations().forEach(v -> failures.add(page + " " + w + "px: " + v));
    }
    if (!failures.isEmpty()) {
      fail("axe-core: serious or critical violations\n" + String.join("\n", failures));
    }
  }

  // ------------------------------------------------------------------ results (R-72)

  /**
   * R-72: today's line of the daily results is the day's uses and use-cancels of the shop in the
   * history CSV; the page, its CSV (seed 004 layout) and its chart (Chart.js of PrimeFaces, run by
   * a nonce-carrying script under the CSP) agree.
   */
  @Test
  void theResultsOfTheDayAreItsUsesAndCancelsWithTheSeedCsvAndAChart_R72() throws Exception {
    logIn("merchant", "wakaba-honten");
    browser.click("nav-results");
    assertTrue(browser.path().endsWith("/app/results.xhtml"), browser.path());
    assertEquals("page", browser.element("viewDaily").getAttribute("aria-current"));
    LocalDate today = LocalDate.now(TOKYO);
    browser.open("merchant", "/app/results.xhtml?view=daily&from=" + today + "&to=" + today);

    // The day's history of the shop, as the data to check against.
    List<CSVRecord> history =
        records(
            utf8(
                browser
                    .fetch(
                        PortalClient.BASE_URL
                            + "/merchant/app/history.csv?from="
                            + today
                            + "T00:00&to="
                            + today.plusDays(1)
                            + "T00:00&service=WAKABA_COIN")
                    .body()));
    long uses = sum(history, "OP1");
    long useCount = history.stream().filter(r -> r.get("operationId").equals("OP1")).count();
    long cancels = sum(history, "OP4");
    long cancelCount = history.stream().filter(r -> r.get("operationId").equals("OP4")).count();
    assertTrue(uses >= AMOUNTS[0] + AMOUNTS[1], "this test's payments are in it");

    assertEquals(String.format("%,d (%d件)", uses, useCount), browser.text("sum-WAKABA_COIN-OP1"));
    assertEquals(
        String.format("%,d (%d件)", cancels, cancelCount), browser.text("sum-WAKABA_COIN-OP4"));
    assertEquals(
        String.format("%,d (%d件)", uses - cancels, useCount - cancelCount),
        browser.text("sales-WAKABA_COIN"));
    assertEquals("0 (0件)", browser.text("sum-WAKABA_COIN-OP7"), "forfeits are no shop's");

    // The chart: Chart.js drew it, so its script ran under the CSP.
    Object bars =
        browser
            .driver()
            .executeScript(
                "const c = document.getElementById('salesChart').querySelector('canvas');"
                    + "const chart = window.Chart && Chart.getChart(c);"
                    + "return chart ? chart.data.datasets.map(d => d.data) : null;");
    assertTrue(bars instanceof List<?>, "Chart.js drew the chart: " + bars);
    assertEquals(
        List.of(uses - cancels),
        ((List<?>) ((List<?>) bars).get(0)).stream().map(n -> ((Number) n).longValue()).toList());
    browser.check("results-daily");

    // Seed 004 日別実績CSV: the same figures.
    String link = browser.element("csvUtf8").getAttribute("href");
    List<CSVRecord> daily = records(utf8(browser.fetch(link).body()));
    assertEquals(
        List.of(
            "date",
            "serviceType",
            "type",
            "service",
            "serviceId",
            "addAmount",
            "addCount",
            "subAmount",
            "subCount",
            "addCancelAmount",
            "addCancelCount",
            "subCancelAmount",
            "subCancelCount",
            "expiredAmount",
            "expiredCount",
            "forfeitedAmount",
            "forfeitedCount"),
        daily.get(0).getParser().getHeaderNames());
    CSVRecord coin =
        daily.stream()
            .filter(r -> r.get("serviceId").equals("WAKABA_COIN"))
            .findFirst()
            .orElseThrow();
    assertEquals(today.toString().replace('-', '/') + " 00:00:00", coin.get("date"));
    assertEquals(String.valueOf(uses), coin.get("subAmount"));
    assertEquals(String.valueOf(useCount), coin.get("subCount"));
    assertEquals(String.valueOf(cancels), coin.get("subCancelAmount"));
    Browser.Download sjis = browser.fetch(browser.element("csvSjis").getAttribute("href"));
    assertEquals(
        daily.stream().map(CSVRecord::toMap).toList(),
        records(new String(sjis.body(), Charset.forName("windows-31j"))).stream()
            .map(CSVRecord::toMap)
            .toList());

    // Monthly: this month holds at least today's uses.
    browser.click("viewMonthly");
    assertEquals("page", browser.element("viewMonthly").getAttribute("aria-current"));
    assertEquals("month", browser.element("from").getAttribute("type"));
    browser.check("results-monthly");
    List<CSVRecord> monthly =
        records(utf8(browser.fetch(browser.element("csvUtf8").getAttribute("href")).body()));
    assertEquals("year", monthly.get(0).getParser().getHeaderNames().get(0));
    assertEquals("month", monthly.get(0).getParser().getHeaderNames().get(1));

    // A wrong period: its message, and this month's results instead.
    browser.open(
        "merchant", "/app/results.xhtml?view=daily&from=" + today + "&to=" + today.minusDays(3));
    assertEquals("終了は開始と同じか後にしてください。", browser.text("messages").trim());
    browser.check("results-invalid");
  }

  private static long sum(List<CSVRecord> rows, String operationId) {
    return rows.stream()
        .filter(r -> r.get("operationId").equals(operationId))
        .mapToLong(r -> Long.parseLong(r.get("amount")))
        .sum();
  }

  // ------------------------------------------------------------------ kit order (R-63)

  /**
   * R-63: a kit order beyond the bounds is refused with the reason; one within is listed, also for
   * the city.
   */
  @Test
  void aShopOrdersMoreKitAndTheCitySeesTheOrder_R63() {
    logIn("merchant", "wakaba-honten");
    browser.click("homeKit");
    assertTrue(browser.path().endsWith("/app/kit.xhtml"), browser.path());
    assertTrue(browser.text("currentShop").contains("S0001"), browser.text("currentShop"));
    browser.check("kit");

    browser.type("kitForm:flags", "6");
    browser.click("kitForm:order");
    assertEquals("のぼりは1回の注文で5本までです。さらに必要な場合は備考にご記入ください。", browser.text("messages").trim());
    browser.check("kit-refused");

    String note = "入口と駐車場用 " + UUID.randomUUID().toString().substring(0, 8);
    browser.type("kitForm:flags", "1");
    browser.type("kitForm:qrStands", "2");
    browser.type("kitForm:stickers", "10");
    browser.type("kitForm:note", note);
    browser.click("kitForm:order");
    assertTrue(
        browser.text("messages").trim().matches("注文を受け付けました\\(注文番号 \\d+\\)。"),
        browser.text("messages"));
    String row = browser.text("orders");
    assertTrue(row.contains(note) && row.contains("わかば商店 本店 (S0001)"), row);
    browser.check("kit-ordered");

    // The city's list.
    browser.click("userForm:logout");
    browser.forgetCookies();
    logIn("admin", "city-clerk");
    browser.click("nav-kitOrders");
    assertTrue(browser.path().endsWith("/app/kit-orders.xhtml"), browser.path());
    String orders = browser.text("orders");
    assertTrue(orders.contains(note) && orders.contains("wakaba-honten"), orders);
    browser.check("admin-kit-orders");
  }

  // ------------------------------------------------------------------ inquiry (#9 item 10)

  @Test
  void theInquiryPageShowsTheCitysDeskFromConfiguration() {
    logIn("merchant", "wakaba-owner");
    browser.click("homeInquiry");
    assertTrue(browser.path().endsWith("/app/inquiry.xhtml"), browser.path());
    assertEquals("若葉川市 商工観光課 わかばコイン係", browser.text("desk"));
    assertEquals("0120-000-000", browser.text("phone"));
    assertEquals("tel:0120000000", browser.element("phone").getAttribute("href"));
    assertEquals(
        "mailto:coin@city.wakabagawa.example", browser.element("email").getAttribute("href"));
    assertTrue(browser.text("hours").startsWith("平日 8:30"), browser.text("hours"));
    String shops = browser.text("shopCodes");
    assertTrue(shops.contains("S0001") && shops.contains("S0002"), shops);
    browser.check("inquiry");
    browser.language("en");
    assertEquals(
        "Wakabagawa City Commerce and Tourism Division, Wakaba Coin desk", browser.text("desk"));
    browser.language("ja");
  }

  // ------------------------------------------------------------------ helpers

  private List<String> listedTranIds() {
    return browser.driver().findElements(By.cssSelector("#listForm\\:rows .jm-tran")).stream()
        .map(WebElement::getText)
        .toList();
  }

  /** The text of a cell of the history list (row and column from 0). */
  private String cell(int row, int column) {
    return browser
        .driver()
        .findElements(By.cssSelector("#listForm\\:rows_data tr"))
        .get(row)
        .findElements(By.tagName("td"))
        .get(column)
        .getText()
        .trim();
  }

  private void waitForText(String id, String text) {
    try {
      new WebDriverWait(browser.driver(), Duration.ofSeconds(20))
          .until(d -> text.equals(d.findElement(By.id(id)).getText().trim()));
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError(
          "#" + id + " never read \"" + text + "\": \"" + browser.text(id) + "\"", e);
    }
  }

  private static String utf8(byte[] body) {
    assertEquals(0xEF, body[0] & 0xFF, "byte-order mark");
    return new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
  }

  private static List<String> header(String text) throws Exception {
    return CSVFormat.DEFAULT
        .builder()
        .setHeader()
        .build()
        .parse(new StringReader(text))
        .getHeaderNames();
  }

  private static List<CSVRecord> records(String text) {
    try {
      return CSVFormat.DEFAULT
          .builder()
          .setHeader()
          .build()
          .parse(new StringReader(text))
          .getRecords();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
