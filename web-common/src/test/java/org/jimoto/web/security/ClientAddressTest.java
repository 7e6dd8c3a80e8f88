package org.jimoto.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * #8 finding 4 behind a reverse proxy: whose address the login throttle counts; #10 security
 * review: which clients are on this machine (the simulators' inboxes).
 */
class ClientAddressTest {

  private static final Set<String> PROXY = Set.of("127.0.0.1");

  @Test
  void aTrustedProxysLastForwardedHopIsTheClient() {
    assertEquals("203.0.113.9", ClientAddress.of("127.0.0.1", "203.0.113.9", PROXY));
    // A client may send its own X-Forwarded-For; the proxy appends the address it saw last.
    assertEquals("203.0.113.9", ClientAddress.of("127.0.0.1", "10.0.0.1, 203.0.113.9", PROXY));
  }

  @Test
  void anyoneElseCannotChooseItsAddress() {
    assertEquals("198.51.100.7", ClientAddress.of("198.51.100.7", "10.0.0.1", PROXY));
    assertEquals("198.51.100.7", ClientAddress.of("198.51.100.7", "10.0.0.1", Set.of()));
  }

  @Test
  void withoutAHeaderTheProxyItselfIsTheClient() {
    assertEquals("127.0.0.1", ClientAddress.of("127.0.0.1", null, PROXY));
    assertEquals("127.0.0.1", ClientAddress.of("127.0.0.1", " ", PROXY));
  }

  @Test
  void aProxyAddingItsOwnHeaderLineStillHasTheLastWord() {
    // The client sends "X-Forwarded-For: 127.0.0.1"; the proxy adds a line of its own.
    var request =
        (jakarta.servlet.http.HttpServletRequest)
            java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {jakarta.servlet.http.HttpServletRequest.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "getHeaders" ->
                          java.util.Collections.enumeration(
                              java.util.List.of("127.0.0.1", "203.0.113.9"));
                      default -> null;
                    });
    String joined = ClientAddress.forwardedFor(request);
    assertEquals("203.0.113.9", ClientAddress.of("127.0.0.1", joined, PROXY));
  }

  @Test
  void loopbackIs127Slash8AndIpv6Loopback() {
    for (String local :
        new String[] {
          "127.0.0.1",
          "127.0.0.2",
          "127.255.0.9",
          "::1",
          "[::1]",
          "0:0:0:0:0:0:0:1",
          "::ffff:127.0.0.1"
        }) {
      assertTrue(ClientAddress.isLoopback(local), local);
    }
    for (String other :
        new String[] {
          "192.0.2.2",
          "10.0.0.1",
          "fd00::2",
          "128.0.0.1",
          "0.0.0.0",
          "localhost",
          "127.0.0.1.example.com",
          "",
          null
        }) {
      assertFalse(ClientAddress.isLoopback(other), other);
    }
  }

  @Test
  void onlyTheMachinesOwnBrowserStraightToTheServerIsLocal() {
    assertTrue(ClientAddress.fromLoopback("127.0.0.1", false, Set.of()));
    assertFalse(ClientAddress.fromLoopback("192.0.2.2", false, Set.of()));
    // Forwarded by a proxy on this machine, trusted or not: not local (review finding 2).
    assertFalse(ClientAddress.fromLoopback("127.0.0.1", true, Set.of()));
    assertFalse(ClientAddress.fromLoopback("127.0.0.1", true, PROXY));
    // A trusted proxy that forgot its headers is still the proxy.
    assertFalse(ClientAddress.fromLoopback("127.0.0.1", false, PROXY));
  }
}
