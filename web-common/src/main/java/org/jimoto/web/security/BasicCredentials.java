package org.jimoto.web.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** The name and secret of an HTTP Basic Authorization header (POS terminals, city scripts). */
public record BasicCredentials(String name, String secret) {

  /**
   * @param maxLength longer headers are refused unread
   * @return empty when the header is missing, too long, not Basic or not "name:secret"
   */
  public static Optional<BasicCredentials> parse(String header, int maxLength) {
    if (header == null
        || header.length() > maxLength
        || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    return colon <= 0
        ? Optional.empty()
        : Optional.of(
            new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1)));
  }
}
