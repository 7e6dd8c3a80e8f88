package org.jimoto.web.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The address a request really comes from, for login throttling (#8 finding 4) and "local" checks.
 * Behind a reverse proxy every request arrives from the proxy: when the connection comes from one
 * of {@code jimoto.trusted-proxies} (JIMOTO_TRUSTED_PROXIES, comma-separated addresses), the
 * address the proxy appended last to X-Forwarded-For is taken instead. From anywhere else the
 * header is ignored, so a client cannot choose its address.
 */
public final class ClientAddress {

  private static volatile Set<String> trustedProxies;

  private ClientAddress() {}

  public static String of(HttpServletRequest request) {
    return of(request.getRemoteAddr(), forwardedFor(request), trusted());
  }

  /**
   * Every X-Forwarded-For line joined: a proxy may add its own line instead of appending to the
   * client's (HAProxy's option forwardfor), and only the last hop of them all is the proxy's.
   */
  static String forwardedFor(HttpServletRequest request) {
    var lines = request.getHeaders("X-Forwarded-For");
    if (lines == null || !lines.hasMoreElements()) {
      return null;
    }
    return String.join(",", java.util.Collections.list(lines));
  }

  static String of(String peer, String forwardedFor, Set<String> trustedProxies) {
    if (!trustedProxies.contains(peer) || forwardedFor == null || forwardedFor.isBlank()) {
      return peer;
    }
    String[] hops = forwardedFor.split(",");
    String last = hops[hops.length - 1].strip();
    return last.isEmpty() ? peer : last;
  }

  /** Whether the request came through one of the trusted proxies. */
  public static boolean viaTrustedProxy(HttpServletRequest request) {
    return trusted().contains(request.getRemoteAddr());
  }

  private static Set<String> trusted() {
    if (trustedProxies == null) {
      trustedProxies =
          ConfigProvider.getConfig()
              .getOptionalValue("jimoto.trusted-proxies", String.class)
              .map(
                  list ->
                      Arrays.stream(list.split(","))
                          .map(String::strip)
                          .filter(s -> !s.isEmpty())
                          .collect(Collectors.toUnmodifiableSet()))
              .orElse(Set.of());
    }
    return trustedProxies;
  }
}
