package org.jimoto.web.admin.window;

import static org.jimoto.web.admin.window.WindowPages.attempt;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import org.jimoto.ledger.boundary.BalanceQuery;
import org.jimoto.window.boundary.ResidentLookup;
import org.jimoto.window.boundary.ResidentLookup.Details;
import org.jimoto.window.boundary.ResidentLookup.Found;

/**
 * /app/residents.xhtml: the resident lookup (#11 item 5). The reason comes first; the ledger
 * logs the search and every resident opened with it.
 */
@Named("residentSearch")
@ViewScoped
public class ResidentSearchBean implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient ResidentLookup lookup;
  @Inject transient BalanceQuery balances;

  private String query;
  private String reason;
  private transient List<Found> found;
  private transient Details details;

  public void search() {
    details = null;
    found = null;
    attempt(() -> found = lookup.search(query, reason));
  }

  public void open(long residentId) {
    attempt(() -> details = lookup.view(residentId, reason));
  }

  public String serviceName(String code) {
    BalanceQuery.ServiceLabel label = balances.serviceLabels().get(code);
    return label == null ? code : label.name().in(WindowPages.locale());
  }

  public List<Found> getFound() {
    return found;
  }

  public Details getDetails() {
    return details;
  }

  public String getQuery() {
    return query;
  }

  public void setQuery(String query) {
    this.query = query;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }
}
