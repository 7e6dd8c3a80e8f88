package org.jimoto.web.resident.card;

import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.jimoto.ledger.boundary.BalanceQuery.Balance;
import org.jimoto.ledger.boundary.BalanceQuery.Lot;
import org.jimoto.resident.boundary.CardInquiries;
import org.jimoto.resident.boundary.CardInquiries.Answer;
import org.jimoto.resident.boundary.CardInquiries.CodeRequest;
import org.jimoto.resident.boundary.CardInquiries.Recent;
import org.jimoto.resident.boundary.CardInquiries.Statement;
import org.jimoto.web.resident.signup.PortalText;
import org.jimoto.web.security.ClientAddress;

/**
 * The public card balance inquiry: the member code, then the SMS code, then the statement.
 * The page never says whether a card exists: that is the ledger's answer, shown as it is.
 */
@Named("cardInquiry")
@ViewScoped
public class CardInquiryBean implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject CardInquiries inquiries;
  @Inject PortalText text;

  private String memberCode;
  private String oneTimeCode;
  private boolean codeAsked;
  private transient Statement statement;

  public void requestCode() {
    CodeRequest r = inquiries.requestCode(memberCode, address(), CardText.locale());
    if (r instanceof CodeRequest.Accepted) {
      codeAsked = true;
      oneTimeCode = null;
      text.info("shops.cardInquiry.sent");
    } else if (r instanceof CodeRequest.Throttled t) {
      text.error("shops.cardInquiry.throttled", PortalText.time(t.retryAt()));
    } else {
      text.error("shops.cardInquiry.mistyped");
    }
  }

  public void show() {
    Answer a = inquiries.statement(memberCode, oneTimeCode, address());
    oneTimeCode = null;
    if (a instanceof Answer.Shown s) {
      statement = s.statement();
    } else if (a instanceof Answer.Throttled t) {
      text.error("shops.cardInquiry.throttled", PortalText.time(t.retryAt()));
    } else if (a instanceof Answer.Mistyped) {
      text.error("shops.cardInquiry.mistyped");
    } else {
      text.error("shops.cardInquiry.codeNotValid");
    }
  }

  /** Back to the start, e.g. for another card or a new code. */
  public void restart() {
    memberCode = null;
    oneTimeCode = null;
    codeAsked = false;
    statement = null;
  }

  public String serviceName(String code) {
    return CardText.serviceName(CardText.service(statement.services(), code));
  }

  public String amount(long yen, String serviceCode) {
    return CardText.amount(yen, CardText.service(statement.services(), serviceCode));
  }

  public String date(LocalDate d) {
    return CardText.date(d);
  }

  public String dateTime(LocalDateTime t) {
    return CardText.dateTime(t);
  }

  public String operation(String name) {
    return CardText.operation(name);
  }

  public String lotKind(Lot lot) {
    return text.get("shops.lot." + lot.kind());
  }

  /** the lot that expires first, highlighted; null if the balance is empty. */
  public Lot nextExpiring(Balance b) {
    return b.lots().isEmpty() ? null : b.lots().get(0);
  }

  public String shopName(Recent r) {
    String name = CardText.english() && r.shopNameEn() != null ? r.shopNameEn() : r.shopNameJa();
    return name == null ? "" : name;
  }

  public List<Balance> getBalances() {
    return statement == null ? List.of() : statement.balances();
  }

  private static String address() {
    return ClientAddress.of(
        (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest());
  }

  public Statement getStatement() {
    return statement;
  }

  public boolean isCodeAsked() {
    return codeAsked;
  }

  public String getMemberCode() {
    return memberCode;
  }

  public void setMemberCode(String memberCode) {
    this.memberCode = memberCode;
  }

  public String getOneTimeCode() {
    return oneTimeCode;
  }

  public void setOneTimeCode(String oneTimeCode) {
    this.oneTimeCode = oneTimeCode;
  }
}
