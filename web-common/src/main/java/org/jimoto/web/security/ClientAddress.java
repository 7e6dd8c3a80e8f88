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

  /**
   * Whether the request comes from this machine (127.0.0.0/8 or ::1), for pages only the machine's
   * own user may see (the simulators' inboxes, #10 security review). The address is {@link #of}'s;
   * a request that names a forwarded client at all (X-Forwarded-For, Forwarded) is not local: a
   * reverse proxy on this machine that is not in {@code jimoto.trusted-proxies} would otherwise
   * make every visitor look local.
   */
  public static boolean fromLoopback(HttpServletRequest request) {
    boolean proxied =
        forwardedFor(request) != null
            || request.getHeader("Forwarded") != null
            || request.getHeader("X-Forwarded-Proto") != null
            || request.getHeader("X-Forwarded-Host") != null
            || request.getHeader("X-Real-IP") != null;
    return fromLoopback(request.getRemoteAddr(), proxied, trusted());
  }

  /**
   * Only the machine's own browser, straight to the server: never a request through a proxy,
   * trusted or not, nor one that says it was forwarded. A proxy on this machine makes every visitor
   * arrive from 127.0.0.1; the forwarding headers (which every proxy set up as the README says
   * sends) tell them apart, and a trusted proxy's peer address is never taken as local.
   */
  static boolean fromLoopback(String peer, boolean proxied, Set<String> trustedProxies) {
    if (proxied || trustedProxies.contains(peer)) {
      return false;
    }
    return isLoopback(peer);
  }

  /** 127.0.0.0/8 or ::1 (also written in full, or IPv4-mapped); no name is looked up. */
  static boolean isLoopback(String address) {
    if (address == null) {
      return false;
    }
    String a = address.strip();
    if (a.startsWith("[") && a.endsWith("]")) {
      a = a.substring(1, a.length() - 1);
    }
    int zone = a.indexOf('%');
    if (zone >= 0) {
      a = a.substring(0, zone);
    }
    if (!a.matches("[0-9.]+") && !(a.contains(":") && a.matches("[0-9A-Fa-f:.]+"))) {
      return false; // not an address literal: never resolved as a host name
    }
    try {
      return java.net.InetAddress.getByName(a).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
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
