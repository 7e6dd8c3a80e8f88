package org.jimoto.web.merchant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.ResourceBundle;
import org.jimoto.report.boundary.TransactionReports.CsvEncoding;
import org.jimoto.web.i18n.LocaleBean;

/**
 * What the portal's CSV downloads (history R-71, results R-72) share: the {@code encoding}
 * parameter (R-74: UTF-8 with a byte-order mark by default, {@code sjis} for Windows-31J), the
 * response headers of a download, and a wrong parameter's 400 answer in the session's language.
 */
public final class CsvDownload {

  private CsvDownload() {}

  /**
   * @return null for a value that is neither {@code utf8} nor {@code sjis} (missing is UTF-8)
   */
  public static CsvEncoding encoding(String value) {
    if (value == null || value.isBlank() || value.equalsIgnoreCase("utf8")) {
      return CsvEncoding.UTF8_BOM;
    }
    if (value.equalsIgnoreCase("sjis")) {
      return CsvEncoding.SHIFT_JIS;
    }
    return null;
  }

  /** Content type and an attachment named {@code name-…[-sjis].csv}, never cached. */
  public static void start(HttpServletResponse response, String fileName, CsvEncoding encoding) {
    boolean sjis = encoding == CsvEncoding.SHIFT_JIS;
    response.setContentType("text/csv; charset=" + (sjis ? "Shift_JIS" : "UTF-8"));
    response.setHeader(
        "Content-Disposition",
        "attachment; filename=\"" + fileName + (sjis ? "-sjis" : "") + ".csv\"");
    response.setHeader("Cache-Control", "no-store");
  }

  /** 400 with the message in the session's language (plain text: it is a download link). */
  public static void refuse(HttpServletRequest request, HttpServletResponse response, String key)
      throws IOException {
    refuse(request, response, HttpServletResponse.SC_BAD_REQUEST, key);
  }

  /** The status with the message in the session's language. */
  public static void refuse(
      HttpServletRequest request, HttpServletResponse response, int status, String key)
      throws IOException {
    Object chosen =
        request.getSession(false) == null
            ? null
            : request.getSession(false).getAttribute(LocaleBean.SESSION_ATTRIBUTE);
    Locale locale =
        chosen instanceof Locale l ? l : LocaleBean.preferred(request.getHeader("Accept-Language"));
    ResourceBundle bundle =
        ResourceBundle.getBundle(
            "org.jimoto.web.merchant.portal", locale, CsvDownload.class.getClassLoader());
    response.setStatus(status);
    response.setContentType("text/plain; charset=UTF-8");
    response.getWriter().write(bundle.getString(key));
  }
}
