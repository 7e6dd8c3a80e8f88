package org.jimoto.merchant.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;

/**
 * Store QR codes (店舗QRコード, R-30, seed 001 レジ一覧): each terminal's printed QR code is a URL of the
 * resident portal's pay page carrying the terminal's token, so that a phone's own camera opens the
 * pay page directly: {@code <jimoto.public-url>/resident/pay.xhtml?t=<token>}.
 *
 * <p>The token is random (160 bits), never the terminal code, so a QR code cannot be made up for a
 * terminal from its printed code. A retired terminal's token is refused from the moment it is
 * retired ({@link #resolve}), and a payment at that terminal is refused anyway by the payment's own
 * check of the terminal's row (TERMINAL_INACTIVE).
 *
 * <p>The public base URL ({@code jimoto.public-url}, environment {@code JIMOTO_PUBLIC_URL}) is a
 * setting: behind a reverse proxy the server cannot know the address residents reach it by.
 */
@Stateless
public class StoreQrCodes {

  /** The resident portal's pay page (issue #10), from the public base URL. */
  public static final String PAY_PATH = "/resident/pay.xhtml";

  /** The query parameter of the pay page that carries the terminal's token. */
  public static final String TOKEN_PARAMETER = "t";

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A token is 27 URL-safe characters; anything longer is not one (the column holds 64). */
  private static final int MAX_TOKEN_LENGTH = 64;

  @PersistenceContext EntityManager em;

  @Inject
  @ConfigProperty(name = "jimoto.public-url")
  String publicUrl;

  /**
   * The terminal a store QR code names, as the resident's pay page shows it to the staff.
   */
  public record PayPoint(
      long terminalId,
      String terminalCode,
      String terminalName,
      long shopId,
      String shopCode,
      String shopName) {}

  /** A new terminal's token: 160 random bits, URL-safe Base64 (27 characters). */
  static String newToken() {
    byte[] bytes = new byte[20];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The URL a terminal's QR code encodes. */
  public String payUrl(String token) {
    return baseUrl() + PAY_PATH + "?" + TOKEN_PARAMETER + "=" + token;
  }

  /** The public base URL without a trailing slash; a setting that is no http(s) URL is an error. */
  public String baseUrl() {
    String url = publicUrl == null ? "" : publicUrl.strip();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("jimoto.public-url (JIMOTO_PUBLIC_URL) is no URL: " + url);
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null
        || uri.getRawQuery() != null) {
      throw new IllegalStateException(
          "jimoto.public-url (JIMOTO_PUBLIC_URL) must be an http:// or https:// URL such as"
              + " https://pay.example.jp, not: "
              + url);
    }
    return url;
  }

  /**
   * Whether the public base URL names this machine only (localhost): QR codes printed then cannot
   * be opened by a resident's phone, and the merchant portal says so.
   */
  public boolean publicUrlIsLocal() {
    String host = URI.create(baseUrl()).getHost();
    return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
  }

  /**
   * The terminal of a store QR code's token, for the resident's pay page (issue #10).
   *
   * @throws RefusedException {@link Refusal#STORE_QR_UNKNOWN} for a token no terminal has, {@link
   *     Refusal#STORE_QR_RETIRED} for a retired terminal's
   */
  public PayPoint resolve(String token) {
    if (token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH) {
      throw new RefusedException(Refusal.STORE_QR_UNKNOWN);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT t.id, t.code, t.name, t.active, s.id, s.code, s.name FROM terminal t"
                    + " JOIN shop s ON s.id = t.shop_id WHERE t.qr_token = ?1")
            .setParameter(1, token)
            .getResultList();
    if (rows.isEmpty()) {
      throw new RefusedException(Refusal.STORE_QR_UNKNOWN);
    }
    Object[] r = rows.get(0);
    if (!Boolean.TRUE.equals(r[3])) {
      throw new RefusedException(Refusal.STORE_QR_RETIRED);
    }
    return new PayPoint(
        ((Number) r[0]).longValue(),
        (String) r[1],
        (String) r[2],
        ((Number) r[4]).longValue(),
        (String) r[5],
        (String) r[6]);
  }

  /**
   * The token in what a scanner read from a store QR code: the pay URL of this deployment (any
   * host: the base URL may have changed since it was printed), or a bare token.
   */
  public static Optional<String> tokenIn(String scanned) {
    if (scanned == null || scanned.isBlank() || scanned.length() > 2_000) {
      return Optional.empty();
    }
    String text = scanned.strip();
    int path = text.indexOf(PAY_PATH + "?");
    if (path < 0) {
      return text.matches("[A-Za-z0-9_-]{1,64}") ? Optional.of(text) : Optional.empty();
    }
    for (String pair : text.substring(path + PAY_PATH.length() + 1).split("&")) {
      if (pair.startsWith(TOKEN_PARAMETER + "=")) {
        String token =
            URLDecoder.decode(pair.substring(TOKEN_PARAMETER.length() + 1), StandardCharsets.UTF_8);
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
      }
    }
    return Optional.empty();
  }
}
