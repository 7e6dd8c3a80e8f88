package org.jimoto.web.resident.pay;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.jimoto.platform.control.PlatformClock;
import org.jimoto.resident.boundary.PayTokens;
import org.jimoto.resident.boundary.PayTokens.QrCode;

/**
 * My QR code (R-31, #10 item 5): a single-use code for the shop's register to scan, valid a few
 * minutes. The page renews it before it expires (its script presses "new code"), and asks every few
 * seconds whether it is still waiting: once the shop has used it, the page says so and shows no
 * code until the resident asks for a new one.
 */
@Named("myQr")
@ViewScoped
public class MyQrBean implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("HH:mm:ss");

  @Inject transient PayTokens payTokens;

  private QrCode code;
  private String image;
  private boolean used;
  private boolean appMember = true;

  /** A fresh code when the page opens. */
  public void load() {
    renew();
  }

  public void renew() {
    code = payTokens.issueSingleUse(PortalText.login()).orElse(null);
    appMember = code != null;
    image = code == null ? null : QrPng.dataUrl(code.code());
    used = false;
  }

  /** The poll: whether the shop has used (or something replaced) the code shown. */
  public void check() {
    if (code != null && !used && !isExpired()) {
      used = !payTokens.isWaiting(PortalText.login(), code.code());
    }
  }

  public boolean isExpired() {
    return code != null
        && !java.time.LocalDateTime.now(PlatformClock.ZONE).isBefore(code.expiresAt());
  }

  /** The code in groups of four, as the staff key it in. */
  public String getGrouped() {
    if (code == null) {
      return "";
    }
    return code.code().replaceAll("(.{4})(?!$)", "$1 ");
  }

  public String getCode() {
    return code == null ? null : code.code();
  }

  public String getImage() {
    return image;
  }

  public String getValidUntil() {
    return code == null ? "" : UNTIL.format(code.expiresAt());
  }

  /** Epoch millis of the expiry, for the page's countdown (server time, so no phone clock skew). */
  public long getExpiresAtMillis() {
    return code == null ? 0 : code.expiresAt().atZone(zone()).toInstant().toEpochMilli();
  }

  public long getNowMillis() {
    return System.currentTimeMillis();
  }

  private static ZoneId zone() {
    return PlatformClock.ZONE;
  }

  public boolean isUsed() {
    return used;
  }

  public boolean isAppMember() {
    return appMember;
  }
}
