package org.jimoto.web.merchant.terminal;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Locale;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.merchant.boundary.MerchantTerminals;
import org.jimoto.merchant.boundary.MerchantTerminals.StoreQr;
import org.jimoto.web.i18n.LocaleBean;

/**
 * A terminal's store QR code as a PNG (seed 001: 「画像形式でダウンロード」): {@code
 * /app/terminal-qr.png?terminal=T0001}, shown on the terminal's page and the print stands; {@code
 * &download=1} saves it as {@code qr-T0001.png}; {@code &size=} its width in px (128..1200, default
 * 600). The ledger answers only for a terminal of the logged-in merchant's shops: any other
 * code, edited into the URL, gets the refusal (403) as plain text, never an image. Under /app/, so
 * only a merchant login reaches it (web.xml).
 */
@WebServlet("/app/terminal-qr.png")
public class TerminalQrServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  static final int DEFAULT_SIZE_PX = 600;

  @Inject transient MerchantTerminals terminals;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Principal caller = request.getUserPrincipal();
    if (caller == null) {
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
      return;
    }
    String code = request.getParameter("terminal");
    StoreQr qr;
    try {
      qr = terminals.storeQr(caller.getName(), code);
    } catch (RefusedException e) {
      response.setStatus(e.refusal().httpStatus());
      response.setContentType("text/plain; charset=UTF-8");
      response.setHeader("Cache-Control", "no-store");
      response.getWriter().write(e.refusal().message(locale(request), e.args()));
      return;
    }
    byte[] png = QrImages.png(qr.payUrl(), size(request.getParameter("size")));
    // No charset on an image (web.xml sets UTF-8 as every response's default).
    response.setCharacterEncoding((String) null);
    response.setContentType("image/png");
    response.setContentLength(png.length);
    // It names the terminal's token: the merchant's own browser keeps it, no shared cache does.
    response.setHeader("Cache-Control", "private, no-store");
    if ("1".equals(request.getParameter("download"))) {
      response.setHeader(
          "Content-Disposition", "attachment; filename=\"qr-" + qr.terminalCode() + ".png\"");
    }
    response.getOutputStream().write(png);
  }

  private static int size(String value) {
    try {
      return value == null ? DEFAULT_SIZE_PX : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return DEFAULT_SIZE_PX;
    }
  }

  private static Locale locale(HttpServletRequest request) {
    Object chosen =
        request.getSession(false) == null
            ? null
            : request.getSession(false).getAttribute(LocaleBean.SESSION_ATTRIBUTE);
    return chosen instanceof Locale l
        ? l
        : LocaleBean.preferred(request.getHeader("Accept-Language"));
  }
}
