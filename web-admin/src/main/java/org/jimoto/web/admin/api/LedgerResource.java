package org.jimoto.web.admin.api;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jimoto.ledger.boundary.LedgerInvariants;

/** The ledger invariant check (every benchmark and integration run ends with it). */
@Path("v1/ledger")
@Produces(MediaType.APPLICATION_JSON)
public class LedgerResource {

  @Inject LedgerInvariants invariants;

  @GET
  @Path("invariants")
  public String invariants() {
    LedgerInvariants.Report report = invariants.check();
    var violations = Json.createArrayBuilder();
    report.violations().forEach(violations::add);
    return Json.createObjectBuilder()
        .add("ok", report.ok())
        .add("transfers", report.transfers())
        .add("wallets", report.wallets())
        .add("violations", violations)
        .build()
        .toString();
  }
}
