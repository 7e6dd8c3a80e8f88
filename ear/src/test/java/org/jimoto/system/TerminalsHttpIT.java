package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.jsoup.Connection;
import org.junit.jupiter.api.Test;

/**
 * A shop account never reaches another shop's terminals (R-93, #9 item 2), also with the terminal
 * code edited into the URL: the station shop S0002 (wakaba-ekimae, terminal T0003) asks for the
 * main shop's T0001 QR code image, terminal page and print stand, and gets the ledger's refusal,
 * never an image, a name or a token.
 */
class TerminalsHttpIT {

  private static PortalClient login(String name) throws Exception {
    var client = new PortalClient("merchant");
    client.login(name, PortalClient.PASSWORD);
    assertTrue(
        client.last().url().getPath().endsWith("/app/home.xhtml"), client.last().url().toString());
    return client;
  }

  private static boolean isPng(byte[] body) {
    return body.length > 8 && body[0] == (byte) 0x89 && body[1] == 'P' && body[2] == 'N';
  }

  @Test
  void aShopAccountCannotGetAnotherShopsQrCodeByEditingTheUrl_R93() throws Exception {
    PortalClient station = login("wakaba-ekimae");

    Connection.Response own = station.getFile("/app/terminal-qr.png?terminal=T0003&download=1");
    assertEquals(200, own.statusCode());
    assertEquals("image/png", own.contentType());
    assertTrue(isPng(own.bodyAsBytes()));

    for (String edited : new String[] {"T0001", "T0002", "T0004", "T9999", "", "T0001%27--"}) {
      Connection.Response other = station.getFile("/app/terminal-qr.png?terminal=" + edited);
      assertEquals(403, other.statusCode(), edited);
      assertFalse(isPng(other.bodyAsBytes()), edited);
      assertEquals(
          "ご利用の店舗にその端末はありません。", new String(other.bodyAsBytes(), StandardCharsets.UTF_8), edited);
    }

    // The terminal page and the print stand say the same, and show nothing of T0001.
    for (String page : new String[] {"/app/terminal.xhtml", "/app/terminal-print.xhtml"}) {
      Connection.Response r = station.get(page + "?terminal=T0001");
      assertEquals(200, r.statusCode());
      assertEquals("ご利用の店舗にその端末はありません。", station.page().getElementById("refused").text());
      assertNull(station.page().getElementById("qrImage"), page);
      assertNull(station.page().getElementById("stand"), page);
      String html = station.page().html();
      assertFalse(html.contains("本店 レジ1"), page + " names no other shop's terminal");
      assertFalse(html.contains("pay.xhtml?t="), page + " carries no token");
    }

    // Its list is its own shop's; its own terminal's page works.
    station.get("/app/terminals.xhtml");
    String list = station.page().getElementById("terminalTable").text();
    assertTrue(list.contains("T0003"), list);
    assertFalse(list.contains("T0001"), list);
    station.get("/app/terminal.xhtml?terminal=T0003");
    assertEquals("T0003", station.page().getElementById("qrCode").text());

    // Not logged in: the login page, no image.
    Connection.Response anonymous =
        new PortalClient("merchant").getWithoutRedirect("/app/terminal-qr.png?terminal=T0003");
    assertEquals(302, anonymous.statusCode());
  }
}
