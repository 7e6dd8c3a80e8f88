package org.jimoto.campaign;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import org.jimoto.campaign.boundary.CampaignAdministration.Outcome;
import org.jimoto.campaign.boundary.CampaignForm;
import org.jimoto.campaign.boundary.CampaignView;
import org.jimoto.campaign.boundary.ServiceAdministration;
import org.jimoto.campaign.boundary.ServiceRules;
import org.jimoto.campaign.control.CampaignEditor;
import org.jimoto.campaign.control.ServiceEditor;

/**
 * What the administrator's calls do, in a transaction, without a login: the boundary's role check
 * is tested on its own ({@code onlyTheAdministratorChangesCampaigns}).
 */
@Stateless
public class AsCityAdmin {

  @Inject CampaignEditor editor;
  @Inject ServiceEditor services;

  /** As the screen does it: based on the rules as loaded now. */
  public ServiceAdministration.Outcome changeRules(
      String code, ServiceRules rules, java.time.LocalDateTime from) {
    int loaded =
        services.services().stream()
            .filter(s -> s.code().equals(code))
            .findFirst()
            .map(s -> s.rulesRevision())
            .orElse(0);
    return changeRules(code, rules, from, loaded);
  }

  public ServiceAdministration.Outcome changeRules(
      String code, ServiceRules rules, java.time.LocalDateTime from, Integer basedOnRevision) {
    return services.changeRules(code, rules, from, basedOnRevision, "test-admin");
  }

  /** As the screen does it: based on the shops accepting as loaded now. */
  public ServiceAdministration.Outcome setAcceptance(String code, java.util.Set<String> shops) {
    java.util.Set<String> loaded = new java.util.HashSet<>();
    for (var a : services.acceptance(code)) {
      if (a.accepts()) {
        loaded.add(a.shopCode());
      }
    }
    return setAcceptance(code, shops, loaded);
  }

  public ServiceAdministration.Outcome setAcceptance(
      String code, java.util.Set<String> shops, java.util.Set<String> acceptedAsLoaded) {
    return services.setAcceptance(code, shops, acceptedAsLoaded, "test-admin");
  }

  public Outcome save(CampaignForm form) {
    return editor.save(form, "test-admin");
  }

  public List<org.jimoto.campaign.boundary.ServiceView> services() {
    return services.services();
  }

  public List<ServiceAdministration.ShopAcceptance> acceptance(String code) {
    return services.acceptance(code);
  }

  public List<CampaignView> campaigns() {
    return editor.campaigns();
  }
}
