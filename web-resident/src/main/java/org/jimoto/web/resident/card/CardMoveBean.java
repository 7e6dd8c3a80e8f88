package org.jimoto.web.resident.card;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.security.Principal;
import java.time.LocalDate;
import java.util.List;
import org.jimoto.merchant.boundary.ShopDirectory;
import org.jimoto.resident.boundary.CardMigrations;
import org.jimoto.resident.boundary.CardMigrations.Done;
import org.jimoto.resident.boundary.CardMigrations.Reason;
import org.jimoto.resident.boundary.CardMigrations.Start;
import org.jimoto.resident.control.CardMover.MovedLot;
import org.jimoto.web.resident.signup.PortalText;

/**
 * An app member moves their own card into the app: member code and security code, then the
 * SMS code sent to the card's phone, then the result. The resident is the logged-in principal; the
 * ledger checks that the card is theirs and moves it.
 */
@Named("cardMove")
@ViewScoped
public class CardMoveBean implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject CardMigrations migrations;
  @Inject PortalText text;
  @Inject ShopDirectory directory;
  private transient List<ShopDirectory.ServiceName> services;

  private String memberCode;
  private String securityCode;
  private String smsCode;
  private String phoneHint;
  private long totalYen;
  private transient List<MovedLot> preview;
  private transient List<MovedLot> moved;
  private boolean codeSent;
  private boolean done;
  private boolean earlier;

  public void start() {
    Start s = migrations.start(login(), memberCode, securityCode, CardText.locale());
    securityCode = null; // not kept on the page once checked
    if (s instanceof Start.CodeSent sent) {
      codeSent = true;
      phoneHint = sent.phoneHint();
      preview = sent.preview();
      totalYen = sent.totalYen();
      text.info("shops.cardMove.sent", phoneHint);
    } else if (s instanceof Start.AlreadyMoved a) {
      finished(a.moved().lots(), a.moved().totalYen(), true);
    } else if (s instanceof Start.Refused r) {
      refused(r.reason(), r.retryAt());
    }
  }

  public void complete() {
    Done d = migrations.complete(login(), memberCode, smsCode);
    smsCode = null;
    if (d instanceof Done.Moved m) {
      finished(m.moved().lots(), m.moved().totalYen(), m.moved().earlier());
    } else if (d instanceof Done.Refused r) {
      refused(r.reason(), null);
      if (r.reason() != Reason.CODE_WRONG) {
        codeSent = false; // a new code is needed: back to the first step
      }
    }
  }

  public void restart() {
    memberCode = null;
    securityCode = null;
    smsCode = null;
    codeSent = false;
    done = false;
    preview = null;
    moved = null;
  }

  private void finished(List<MovedLot> lots, long total, boolean before) {
    moved = lots;
    totalYen = total;
    done = true;
    earlier = before;
    codeSent = false;
    text.info(before ? "shops.cardMove.earlier" : "shops.cardMove.done");
  }

  private void refused(Reason reason, java.time.Instant retryAt) {
    text.error("shops.cardMove.reason." + reason.name(), PortalText.time(retryAt));
  }

  private static String login() {
    Principal p = FacesContext.getCurrentInstance().getExternalContext().getUserPrincipal();
    return p == null ? null : p.getName();
  }

  public String lotKind(MovedLot l) {
    return text.get("shops.lot." + l.kind().name());
  }

  public String serviceName(MovedLot l) {
    if (services == null) {
      services = directory.services();
    }
    return services.stream()
        .filter(s -> s.code().equals(l.serviceCode()))
        .map(s -> CardText.english() ? s.nameEn() : s.nameJa())
        .findFirst()
        .orElse(l.serviceCode());
  }

  public String amount(long yen) {
    return CardText.amount(yen);
  }

  public String date(LocalDate d) {
    return CardText.date(d);
  }

  public List<MovedLot> getPreview() {
    return preview == null ? List.of() : preview;
  }

  public List<MovedLot> getMoved() {
    return moved == null ? List.of() : moved;
  }

  public long getTotalYen() {
    return totalYen;
  }

  public String getPhoneHint() {
    return phoneHint;
  }

  public boolean isCodeSent() {
    return codeSent;
  }

  public boolean isDone() {
    return done;
  }

  public boolean isEarlier() {
    return earlier;
  }

  public String getMemberCode() {
    return memberCode;
  }

  public void setMemberCode(String memberCode) {
    this.memberCode = memberCode;
  }

  public String getSecurityCode() {
    return securityCode;
  }

  public void setSecurityCode(String securityCode) {
    this.securityCode = securityCode;
  }

  public String getSmsCode() {
    return smsCode;
  }

  public void setSmsCode(String smsCode) {
    this.smsCode = smsCode;
  }
}
