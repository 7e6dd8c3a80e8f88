package org.jimoto.web.resident.pay;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.merchant.boundary.StoreQrCodes;
import org.jimoto.payment.boundary.ResidentPayments;
import org.jimoto.payment.boundary.ResidentPayments.Where;

/**
 * Finds the till to pay at: what the camera read from its QR code (the pay URL), the
 * terminal code printed under it, or a photo of it read on the server; then opens the pay page. The
 * ledger checks the till first, so an unknown or retired one is said here.
 */
@Named("scan")
@RequestScoped
public class ScanBean {

  @Inject ResidentPayments payments;

  private String input;
  private Part photo;

  /** The camera's text or the typed terminal code. */
  public String go() {
    String text = input == null ? "" : input.strip();
    if (text.isEmpty()) {
      PortalText.error("pay.scan.empty");
      return null;
    }
    boolean url = text.contains("/") || text.contains(":");
    if (url) {
      Optional<String> token = StoreQrCodes.tokenIn(text);
      if (token.isEmpty() || !text.contains(StoreQrCodes.PAY_PATH)) {
        PortalText.error("pay.scan.notStoreQr");
        return null;
      }
      return open(Where.token(token.get()));
    }
    return open(Where.code(text));
  }

  /** A photo of the store QR code, decoded on the server. */
  public String upload() {
    byte[] data = null;
    if (photo != null && photo.getSize() > 0) {
      if (photo.getSize() > QrPhotos.MAX_BYTES) {
        PortalText.error("pay.photo.TOO_LARGE", QrPhotos.MAX_BYTES / 1024);
        discard();
        return null;
      }
      try (InputStream in = photo.getInputStream()) {
        data = in.readNBytes(QrPhotos.MAX_BYTES + 1);
      } catch (IOException e) {
        data = null;
      }
      discard();
    }
    QrPhotos.Read read = QrPhotos.read(data);
    if (read.problem() != null) {
      PortalText.error("pay.photo." + read.problem().name(), QrPhotos.MAX_BYTES / 1024);
      return null;
    }
    Optional<String> token = StoreQrCodes.tokenIn(read.text());
    if (token.isEmpty() || !read.text().contains(StoreQrCodes.PAY_PATH)) {
      PortalText.error("pay.scan.notStoreQr");
      return null;
    }
    return open(Where.token(token.get()));
  }

  private void discard() {
    try {
      photo.delete();
    } catch (IOException e) {
      // a temporary file the container removes anyway
    }
    photo = null;
  }

  private String open(Where where) {
    try {
      payments.place(PortalText.login(), where);
    } catch (RefusedException e) {
      Refusal r = e.refusal();
      if (where.byCode() && r == Refusal.STORE_QR_UNKNOWN) {
        PortalText.error("pay.code.unknown");
      } else if (where.byCode() && r == Refusal.STORE_QR_RETIRED) {
        PortalText.error("pay.code.retired");
      } else if (r == Refusal.UNKNOWN_RESIDENT) {
        PortalText.error("pay.appMembersOnly");
      } else {
        FacesContext.getCurrentInstance()
            .addMessage(
                null,
                new jakarta.faces.application.FacesMessage(
                    jakarta.faces.application.FacesMessage.SEVERITY_ERROR,
                    r.message(PortalText.locale(), e.args()),
                    null));
      }
      return null;
    }
    String query =
        where.byCode()
            ? "code=" + URLEncoder.encode(where.terminalCode().strip(), StandardCharsets.UTF_8)
            : "t=" + URLEncoder.encode(where.token(), StandardCharsets.UTF_8);
    return "/pay.xhtml?faces-redirect=true&" + query;
  }

  public String getInput() {
    return input;
  }

  public void setInput(String input) {
    this.input = input;
  }

  public Part getPhoto() {
    return photo;
  }

  public void setPhoto(Part photo) {
    this.photo = photo;
  }
}
