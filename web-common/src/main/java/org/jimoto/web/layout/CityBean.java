package org.jimoto.web.layout;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jimoto.platform.boundary.CityProfile;
import org.jimoto.platform.boundary.CityProfileService;
import org.jimoto.web.i18n.LocaleBean;

/** City and currency name for the page header, in the session's language. */
@Named("city")
@RequestScoped
public class CityBean {

  @Inject CityProfileService service;
  @Inject LocaleBean localeBean;

  private CityProfile profile;

  private CityProfile profile() {
    if (profile == null) {
      profile = service.profile();
    }
    return profile;
  }

  public String getName() {
    return profile().city(localeBean.getLocale());
  }

  public String getCurrency() {
    return profile().currency(localeBean.getLocale());
  }
}
