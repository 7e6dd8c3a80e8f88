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

  public ServiceAdministration.Outcome changeRules(
      String code, ServiceRules rules, java.time.LocalDateTime from) {
    return services.changeRules(code, rules, from, "test-admin");
  }

  public ServiceAdministration.Outcome setAcceptance(String code, java.util.Set<String> shops) {
    return services.setAcceptance(code, shops, "test-admin");
  }

  public Outcome save(CampaignForm form) {
    return editor.save(form, "test-admin");
  }

  public List<CampaignView> campaigns() {
    return editor.campaigns();
  }
}
