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
  void aForwardedRequestIsLocalOnlyWhenATrustedProxyNamesALoopbackClient() {
    assertTrue(ClientAddress.fromLoopback("127.0.0.1", null, null, Set.of()));
    assertFalse(ClientAddress.fromLoopback("192.0.2.2", null, null, Set.of()));
    // A proxy on this machine that is not trusted: its visitors are not local.
    assertFalse(ClientAddress.fromLoopback("127.0.0.1", "203.0.113.9", null, Set.of()));
    assertFalse(ClientAddress.fromLoopback("127.0.0.1", "127.0.0.1", null, Set.of()));
    assertFalse(ClientAddress.fromLoopback("127.0.0.1", null, "for=203.0.113.9", Set.of()));
    // A trusted proxy: the client it names.
    assertFalse(ClientAddress.fromLoopback("127.0.0.1", "203.0.113.9", null, PROXY));
    assertTrue(ClientAddress.fromLoopback("127.0.0.1", "127.0.0.1", null, PROXY));
  }
}
