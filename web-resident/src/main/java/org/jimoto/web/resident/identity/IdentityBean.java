package org.jimoto.web.resident.identity;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jimoto.resident.boundary.IdentityVerifications;
import org.jimoto.resident.boundary.MyNumberCardPort;
import org.jimoto.web.resident.signup.PortalText;

/**
 * Identity proofing with the My Number Card: consent, the card (in the simulator: one's own
 * or someone else's, to see a failure), the 4-digit PIN. Each outcome has its own message.
 */
@Named("identity")
@RequestScoped
public class IdentityBean {

  @Inject IdentityVerifications verifications;
  @Inject PortalText text;

  private boolean consent;
  private String pin;
  private String card = MyNumberCardPort.CardChoice.OWN.name();

  public void verify() {
    var result =
        verifications.verify(login(), consent, pin, MyNumberCardPort.CardChoice.valueOf(card));
    pin = null;
    String key = "signup.identity.outcome." + result.outcome().name();
    if (result.outcome() == IdentityVerifications.Outcome.VERIFIED) {
      text.info(key);
    } else {
      text.error(key, result.triesLeft());
    }
  }

  /** Whether identity proofing is configured (the simulator: only in simulator mode). */
  public boolean isAvailable() {
    return verifications.available();
  }

  public boolean isVerified() {
    return verifications.verifiedAt(login()).isPresent();
  }

  private static String login() {
    return FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal().getName();
  }

  public boolean isConsent() {
    return consent;
  }

  public void setConsent(boolean consent) {
    this.consent = consent;
  }

  public String getPin() {
    return pin;
  }

  public void setPin(String pin) {
    this.pin = pin;
  }

  public String getCard() {
    return card;
  }

  public void setCard(String card) {
    this.card = MyNumberCardPort.CardChoice.valueOf(card).name();
  }
}
