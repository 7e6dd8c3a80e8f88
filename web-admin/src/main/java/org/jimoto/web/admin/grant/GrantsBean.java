package org.jimoto.web.admin.grant;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.UUID;
import org.jimoto.charge.boundary.CreditOutcome;
import org.jimoto.grant.boundary.BulkGrantOutcome;
import org.jimoto.grant.boundary.CityGrants;
import org.jimoto.grant.boundary.GrantPreview;
import org.jimoto.grant.control.GrantCsv;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.merchant.boundary.ShopDirectory;
import org.jimoto.web.i18n.LocaleBean;

/** The grants page: one resident, or a CSV file with its preview (#11 item 4). */
@Named("grants")
@ViewScoped
public class GrantsBean implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject CityGrants grants;
  @Inject ShopDirectory directory;
  @Inject LocaleBean localeBean;

  // One resident
  private String member;
  private String service = "WAKABA_POINT";
  private String amount;
  private String expiresOn = defaultExpiry();
  private String reason;

  /** The form's idempotency key: a double submit grants once; a new one after each grant. */
  private String requestKey = UUID.randomUUID().toString();

  // A file
  private transient Part upload;
  private byte[] file;
  private String fileName;
  private String fileReason;
  private GrantPreview preview;

  /** the grant's fixed expiry; by default the end of the next fiscal year (31 March). */
  private static String defaultExpiry() {
    LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"));
    int fy = today.getMonthValue() >= 4 ? today.getYear() + 1 : today.getYear();
    return LocalDate.of(fy + 1, 3, 31).toString();
  }

  public List<ShopDirectory.ServiceName> getServices() {
    return directory.services();
  }

  public String serviceName(ShopDirectory.ServiceName s) {
    return Locale.ENGLISH.getLanguage().equals(localeBean.getLocale().getLanguage())
        ? s.nameEn()
        : s.nameJa();
  }

  public void grantOne() {
    Long yen = GrantCsv.amountOf(amount);
    if (yen == null) {
      error("oneForm:amount", Refusal.AMOUNT_NOT_A_WHOLE_NUMBER.message(locale()));
      return;
    }
    LocalDate expiry;
    try {
      expiry = LocalDate.parse(expiresOn == null ? "" : expiresOn.strip());
    } catch (DateTimeParseException e) {
      error("oneForm:expiresOn", Refusal.GRANT_DATE_INVALID.message(locale(), expiresOn));
      return;
    }
    CreditOutcome out = grants.grantOne(member, service, yen, expiry, reason, requestKey);
    if (out instanceof CreditOutcome.Refused r) {
      error(null, r.message(locale()));
      return;
    }
    var done = (CreditOutcome.Done) out;
    info(
        text(
            "grants.one.done",
            member,
            done.credit().creditedYen(),
            done.credit().parts().get(0).tranId()));
    member = null;
    amount = null;
    reason = null;
    requestKey = UUID.randomUUID().toString();
  }

  /** Reads the uploaded file and shows every row's error or state; grants nothing. */
  public void preview() throws IOException {
    if (upload == null || upload.getSize() == 0) {
      error("fileForm:file", Refusal.GRANT_FILE_EMPTY.message(locale()));
      return;
    }
    try (InputStream in = upload.getInputStream()) {
      file = in.readNBytes(GrantCsv.MAX_BYTES + 1);
      fileName = upload.getSubmittedFileName();
    } finally {
      upload.delete();
      upload = null;
    }
    preview = grants.preview(file, fileReason);
    if (preview.fileError() != null) {
      error(null, preview.fileError().message(locale(), preview.fileArgs()));
    }
  }

  /** Grants the previewed file: all rows, or nothing while any has an error. */
  public void grantFile() {
    if (file == null) {
      return;
    }
    BulkGrantOutcome out = grants.grantFile(file, fileReason);
    if (out instanceof BulkGrantOutcome.Granted g) {
      info(text("grants.file.done", g.granted(), g.grantedYen(), g.skipped()));
      preview = grants.preview(file, fileReason); // every row now shows as granted
    } else if (out instanceof BulkGrantOutcome.Invalid i) {
      preview = i.preview();
      error(null, Refusal.GRANT_FILE_HAS_ERRORS.message(locale(), i.preview().errorCount()));
    } else if (out instanceof BulkGrantOutcome.Refused r) {
      error(null, text("grants.file.rowRefused", r.row(), r.message(locale())));
    }
  }

  public String rowError(GrantPreview.Row row) {
    return row.error() == null ? "" : row.error().message(locale(), row.errorArgs());
  }

  public String rowStatus(GrantPreview.Row row) {
    return text("grants.status." + row.status().name());
  }

  public boolean isGrantable() {
    return preview != null && preview.valid() && preview.toGrantCount() > 0;
  }

  private Locale locale() {
    return localeBean.getLocale();
  }

  private String text(String key, Object... args) {
    FacesContext faces = FacesContext.getCurrentInstance();
    ResourceBundle bundle = faces.getApplication().getResourceBundle(faces, "portal");
    return new java.text.MessageFormat(bundle.getString(key), locale()).format(args);
  }

  private static void error(String clientId, String message) {
    FacesContext.getCurrentInstance()
        .addMessage(clientId, new FacesMessage(FacesMessage.SEVERITY_ERROR, message, null));
  }

  private static void info(String message) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, message, null));
  }

  public String getMember() {
    return member;
  }

  public void setMember(String member) {
    this.member = member;
  }

  public String getService() {
    return service;
  }

  public void setService(String service) {
    this.service = service;
  }

  public String getAmount() {
    return amount;
  }

  public void setAmount(String amount) {
    this.amount = amount;
  }

  public String getExpiresOn() {
    return expiresOn;
  }

  public void setExpiresOn(String expiresOn) {
    this.expiresOn = expiresOn;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getRequestKey() {
    return requestKey;
  }

  public Part getUpload() {
    return upload;
  }

  public void setUpload(Part upload) {
    this.upload = upload;
  }

  public String getFileName() {
    return fileName;
  }

  public String getFileReason() {
    return fileReason;
  }

  public void setFileReason(String fileReason) {
    this.fileReason = fileReason;
  }

  public GrantPreview getPreview() {
    return preview;
  }
}
