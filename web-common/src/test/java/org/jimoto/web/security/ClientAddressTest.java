package org.jimoto.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** #8 finding 4 behind a reverse proxy: whose address the login throttle counts. */
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
}
