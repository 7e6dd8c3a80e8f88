package org.jimoto.web.root;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.jimoto.notification.boundary.SentSms;
import org.jimoto.notification.boundary.SmsSimulator;
import org.jimoto.web.security.ClientAddress;

/**
 * The SMS simulator's page ({@code /sms.xhtml}): what the simulated gateway "sent", newest first,
 * so that a demo user (and a test) can read the codes. Not found when a real gateway is configured.
 */
@Named("smsSimulator")
@RequestScoped
public class SmsSimulatorBean {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  @Inject SmsSimulator simulator;

  private List<SentSms> messages;

  public void open() throws IOException {
    if (!isActive()) {
      FacesContext.getCurrentInstance().getExternalContext().responseSendError(404, "");
      FacesContext.getCurrentInstance().responseComplete();
    }
  }

  public List<SentSms> getMessages() {
    if (messages == null) {
      messages = simulator.newest();
    }
    return messages;
  }

  /** Whether the simulator is the configured gateway (the root page then links to it). */
  public boolean isActive() {
    return simulator.active() && fromLoopback();
  }

  /** The page answers clients on this machine only (web.xml's SimulatorPagesFilter). */
  private static boolean fromLoopback() {
    return ClientAddress.fromLoopback(
        (HttpServletRequest) FacesContext.getCurrentInstance().getExternalContext().getRequest());
  }

  public int getPageSize() {
    return SmsSimulator.PAGE_SIZE;
  }

  public String time(SentSms sms) {
    return TIME.format(sms.sentAt());
  }
}
