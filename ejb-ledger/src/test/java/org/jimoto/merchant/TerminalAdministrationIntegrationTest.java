package org.jimoto.merchant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jimoto.FoundationDeployment;
import org.jimoto.LedgerFixtures;
import org.jimoto.TestQueries;
import org.jimoto.charge.boundary.ChargeChannel;
import org.jimoto.charge.boundary.ChargeRequest;
import org.jimoto.charge.boundary.ChargeService;
import org.jimoto.charge.boundary.CreditOutcome;
import org.jimoto.demo.boundary.DemoData;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.merchant.boundary.TerminalAdministration;
import org.jimoto.merchant.boundary.TerminalCredentials;
import org.jimoto.payment.boundary.PaymentOutcome;
import org.jimoto.payment.boundary.PaymentRequest;
import org.jimoto.payment.boundary.PaymentService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * #8 finding 10: retiring a terminal or replacing its credential takes effect at its next request,
 * not after the POS filter's 30-second credential cache: a payment reads the terminal's row in its
 * own first statement, every other request reads it in the filter. Audited with a reason.
 */
@ExtendWith(ArquillianExtension.class)
class TerminalAdministrationIntegrationTest {

  private static final String MONEY = "WAKABA_COIN";
  private static final AtomicInteger SHOPS = new AtomicInteger();

  @Deployment
  static WebArchive deployment() {
    return FoundationDeployment.create(TestQueries.class, LedgerFixtures.class);
  }

  @Inject DemoData demoData;
  @Inject LedgerFixtures fixtures;
  @Inject TestQueries db;
  @Inject ChargeService charges;
  @Inject PaymentService payments;
  @Inject TerminalAdministration terminals;
  @Inject TerminalCredentials credentials;

  @BeforeEach
  void demoCity() {
    demoData.loadIntoEmptyDatabase("pw".toCharArray());
  }

  private static String sha256(String secret) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
  }

  private PaymentOutcome pay(long terminal, String card, String secret) throws Exception {
    return payments.pay(
        new PaymentRequest(
            terminal,
            "adm-" + System.nanoTime(),
            card,
            List.of(new PaymentRequest.Leg(MONEY, 100)),
            "test",
            sha256(secret)));
  }

  @Test
  void aReplacedCredentialAndARetiredTerminalStopAtTheNextRequest() throws Exception {
    String code = "A" + (System.nanoTime() % 100_000_000) + SHOPS.incrementAndGet();
    long terminal = fixtures.newShopWithTerminal(code, MONEY);
    String terminalCode = "T" + code;
    Object[] card = fixtures.newCardMember();
    assertInstanceOf(
        CreditOutcome.Done.class,
        charges.charge(
            new ChargeRequest(
                (Long) card[0], MONEY, ChargeChannel.WINDOW, 3_000, "ref-" + code, "test")));

    String first = terminals.replaceCredential(terminalCode, "city-admin", "new tablet").secret();
    assertInstanceOf(PaymentOutcome.Done.class, pay(terminal, (String) card[1], first));
    // The POS filter has the credential in its cache now, as after any payment.
    assertTrue(credentials.authenticate(terminalCode, first, true).isPresent());

    String second = terminals.replaceCredential(terminalCode, "city-admin", "tablet lost").secret();
    var old =
        assertInstanceOf(PaymentOutcome.Refused.class, pay(terminal, (String) card[1], first));
    assertEquals(Refusal.UNKNOWN_TERMINAL, old.refusal(), "the old credential stops at once");
    assertTrue(credentials.authenticate(terminalCode, first, false).isEmpty());
    assertInstanceOf(PaymentOutcome.Done.class, pay(terminal, (String) card[1], second));

    assertEquals(
        Optional.of(Refusal.REASON_MISSING),
        terminals.setActive(terminalCode, false, "city-admin", " "));
    assertEquals(
        Optional.empty(), terminals.setActive(terminalCode, false, "city-admin", "closed"));
    var retired =
        assertInstanceOf(PaymentOutcome.Refused.class, pay(terminal, (String) card[1], second));
    assertEquals(Refusal.TERMINAL_INACTIVE, retired.refusal());
    assertFalse(
        credentials.authenticate(terminalCode, second, false).orElseThrow().active(),
        "the filter reads the retirement");

    assertEquals(
        Optional.empty(), terminals.setActive(terminalCode, true, "city-admin", "reopened"));
    assertInstanceOf(PaymentOutcome.Done.class, pay(terminal, (String) card[1], second));

    var unknown =
        assertThrows(
            RefusedException.class,
            () -> terminals.replaceCredential("T-NONE", "city-admin", "typo"));
    assertEquals(Refusal.UNKNOWN_TERMINAL, unknown.refusal());
    for (String action :
        new String[] {"TERMINAL_CREDENTIAL_REPLACED", "TERMINAL_RETIRED", "TERMINAL_REACTIVATED"}) {
      assertTrue(
          db.count(
                  "audit_event WHERE action = '"
                      + action
                      + "' AND detail = 'terminal "
                      + terminalCode
                      + "' AND reason IS NOT NULL")
              >= 1,
          action);
    }
  }
}
