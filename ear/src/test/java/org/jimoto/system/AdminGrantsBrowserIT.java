package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * #11 item 4 acceptance: a CSV bulk grant with one bad row is caught in the
 * preview and grants nothing; fixed, it is granted; uploaded again, it grants nothing twice. A
 * grant to one resident by member code; the clerk grants to one resident only, the auditor not at
 * all. Each run's rows carry a unique reason, so that the file is new to the server. Every page is
 * checked by axe-core and saved as screenshots in Japanese and English ({@link Browser#check}).
 */
class AdminGrantsBrowserIT {

  private static final String CARD = "12345674"; // the demo's card member
  private Browser browser;

  @BeforeEach
  void startBrowser(TestInfo test) {
    browser = new Browser("grants-" + test.getTestMethod().orElseThrow().getName(), "ja");
  }

  @AfterEach
  void stopBrowser() {
    browser.close();
  }

  private void logIn(String loginName) {
    browser.open("admin", "/app/home.xhtml");
    assertTrue(browser.path().endsWith("/admin/login.xhtml"), browser.path());
    browser.login(loginName, PortalClient.PASSWORD);
    browser.open("admin", "/app/grants.xhtml");
  }

  private static Path file(String name, byte[] content) throws Exception {
    Path dir = Path.of("target", "grant-files");
    Files.createDirectories(dir);
    Path f = dir.resolve(name).toAbsolutePath();
    Files.write(f, content);
    return f;
  }

  private void upload(Path file, String reason) {
    browser.driver().findElement(By.id("fileForm:file")).sendKeys(file.toString());
    browser.type("fileForm:fileReason", reason);
    browser.click("fileForm:preview");
  }

  private List<String> statuses() {
    return browser.driver().findElements(By.cssSelector("#previewRows tbody tr")).stream()
        .map(tr -> tr.findElements(By.tagName("td")).get(1).getText())
        .toList();
  }

  private String messages() {
    return browser.driver().findElement(By.id("messagesRegion")).getText();
  }

  @Test
  void aBadRowIsCaughtInThePreviewTheFixedFileIsGrantedOnceAndAgainNothing() throws Exception {
    logIn("city-admin");
    assertTrue(browser.path().endsWith("/admin/app/grants.xhtml"), browser.path());
    browser.check("grants");

    String run = Long.toString(System.nanoTime());
    LocalDate expiry = LocalDate.now().plusYears(1);
    String header = "会員番号,サービス,金額,有効期限,理由\r\n";
    String good1 = CARD + ",WAKABA_POINT,100," + expiry + ",清掃ボランティア " + run + "\r\n";
    // Each row unique to this run: a row's own content is its key, so an identical row
    // granted by an earlier run against the same server would show as already granted.
    String good2 = "hanako@example.jp,WAKABA_POINT,\"1,000\"," + expiry + ",防災訓練 " + run + "\r\n";
    String bad = "99999997,WAKABA_POINT,50," + expiry + ",\r\n"; // no such card
    Charset sjis = Charset.forName("windows-31j");

    // One bad row: the preview shows it, and nothing can be granted.
    upload(file("bad-" + run + ".csv", (header + good1 + bad + good2).getBytes(sjis)), "防災訓練");
    assertEquals(List.of("付与予定", "エラー", "付与予定"), statuses());
    String errorCell =
        browser
            .driver()
            .findElements(By.cssSelector("#previewRows tbody tr"))
            .get(1)
            .findElements(By.tagName("td"))
            .get(2)
            .getText();
    assertTrue(errorCell.contains("利用者のコードまたはカードを確認できませんでした"), errorCell);
    assertTrue(browser.text("previewSummary").contains("エラー 1 行"), browser.text("previewSummary"));
    assertFalse(browser.present("grantForm:grantFile"));
    browser.check("preview-with-error");

    // Fixed (the bad row replaced), as UTF-8 with a BOM: all three granted.
    String taro = "taro@example.jp,WAKABA_POINT,200," + expiry + ",防災訓練 " + run + "\r\n";
    byte[] fixed = ("\uFEFF" + header + good1 + taro + good2).getBytes(StandardCharsets.UTF_8);
    Path fixedFile = file("fixed-" + run + ".csv", fixed);
    upload(fixedFile, "防災訓練");
    assertEquals(List.of("付与予定", "付与予定", "付与予定"), statuses());
    browser.check("preview-fixed");
    browser.click("grantForm:grantFile");
    assertTrue(messages().contains("3 行、合計 1,300 を付与しました"), messages());
    assertEquals(List.of("付与済み", "付与済み", "付与済み"), statuses());
    browser.check("granted");

    // The same file again: every row already granted, nothing to grant.
    browser.open("admin", "/app/grants.xhtml");
    upload(fixedFile, "防災訓練");
    assertEquals(List.of("付与済み", "付与済み", "付与済み"), statuses());
    assertTrue(browser.text("previewSummary").contains("付与 0 行"), browser.text("previewSummary"));
    assertFalse(browser.present("grantForm:grantFile"));
    browser.check("uploaded-again");
  }

  @Test
  void oneResidentIsGrantedByMemberCodeAndABadAmountChangesNothing() {
    logIn("city-clerk");
    assertTrue(browser.path().endsWith("/admin/app/grants.xhtml"), browser.path());
    // The clerk's window work is one resident; the file upload is the administrator's.
    assertFalse(browser.present("fileForm:file"));
    browser.type("oneForm:member", CARD);
    browser.type("oneForm:amount", "12x");
    browser.type("oneForm:reason", "献血 " + System.nanoTime());
    browser.click("oneForm:grantOne");
    assertTrue(messages().contains("金額は円単位の整数"), messages());
    browser.check("grant-one-refused");
    browser.type("oneForm:amount", "300");
    browser.click("oneForm:grantOne");
    assertTrue(messages().contains(CARD + " に 300 を付与しました"), messages());
    browser.check("grant-one-done");
  }

  @Test
  void theAuditorCannotOpenTheGrantsPage() {
    logIn("city-auditor");
    assertFalse(browser.present("oneForm:member"));
    List<WebElement> menu =
        browser.driver().findElements(By.cssSelector("a[href*='grants.xhtml']"));
    assertTrue(menu.isEmpty(), "no grants menu entry for the auditor");
  }
}
