package org.jimoto.web.root;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jimoto.notification.boundary.CaughtMail;
import org.jimoto.notification.boundary.MailCatcher;
import org.jimoto.web.security.ClientAddress;

/**
 * The demo's mail page ({@code /mail.xhtml}): what the local mail catcher received over SMTP,
 * newest first. Not found when the server sends through a real SMTP server.
 */
@Named("mailCatcher")
@RequestScoped
public class MailCatcherBean {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @Inject MailCatcher catcher;

  private List<CaughtMail> mails;
  private boolean unreachable;

  public void open() throws IOException {
    if (!isActive()) {
      FacesContext.getCurrentInstance().getExternalContext().responseSendError(404, "");
      FacesContext.getCurrentInstance().responseComplete();
    }
  }

  public boolean isActive() {
    return catcher.active() && fromLoopback();
  }

  /** The page answers clients on this machine only (web.xml's SimulatorPagesFilter). */
  private static boolean fromLoopback() {
    return ClientAddress.fromLoopback(
        (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest());
  }

  public List<CaughtMail> getMails() {
    if (mails == null) {
      try {
        mails = catcher.newest();
      } catch (IOException e) {
        unreachable = true;
        mails = List.of();
      }
    }
    return mails;
  }

  public boolean isUnreachable() {
    getMails();
    return unreachable;
  }

  public int getPageSize() {
    return MailCatcher.PAGE_SIZE;
  }

  public String time(CaughtMail mail) {
    return TIME.format(mail.sentAt());
  }
}
