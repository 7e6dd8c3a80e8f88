package org.jimoto.web.admin.window;

import static org.jimoto.web.admin.window.WindowPages.attempt;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import org.jimoto.window.boundary.IdDocument;
import org.jimoto.window.boundary.WindowCards;
import org.jimoto.window.boundary.WindowCards.CardHolder;
import org.jimoto.window.boundary.WindowCards.IssuedCard;

/**
 * /app/card-issue.xhtml: a new card. The clerk checks an identity document, chooses which
 * kind it was (its number and image are never asked for), types the holder's details from it and
 * the phone for the SMS codes if the holder wants one; the page then shows the member code
 * and the security code once, to print on the card's sheet.
 */
@Named("cardIssue")
@ViewScoped
public class CardIssueBean implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient WindowCards window;

  private String name;
  private String nameKana;
  private LocalDate birthDate;
  private String address;
  private String phone;
  private IdDocument document;
  private String reason;
  private transient IssuedCard issued;

  /**
   * R-01 (#11 finding 8): the form's idempotency key, one per view: a double submit issues one
   * card; the ledger answers the repeat with that card.
   */
  private final String formToken = "I-" + java.util.UUID.randomUUID();

  public void issue() {
    attempt(
        () ->
            issued =
                window.issue(
                    new CardHolder(name, nameKana, birthDate, address, phone),
                    document,
                    reason,
                    formToken));
    if (issued != null) {
      WindowPages.info("cardIssue.issued", issued.memberCode());
    }
  }

  public IdDocument[] getDocuments() {
    return IdDocument.values();
  }

  public IssuedCard getIssued() {
    return issued;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getNameKana() {
    return nameKana;
  }

  public void setNameKana(String nameKana) {
    this.nameKana = nameKana;
  }

  public LocalDate getBirthDate() {
    return birthDate;
  }

  public void setBirthDate(LocalDate birthDate) {
    this.birthDate = birthDate;
  }

  public String getAddress() {
    return address;
  }

  public void setAddress(String address) {
    this.address = address;
  }

  public String getPhone() {
    return phone;
  }

  public void setPhone(String phone) {
    this.phone = phone;
  }

  public IdDocument getDocument() {
    return document;
  }

  public void setDocument(IdDocument document) {
    this.document = document;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }
}
