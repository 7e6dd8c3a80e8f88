package org.jimoto.web.merchant.inquiry;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jimoto.platform.boundary.CityContact;
import org.jimoto.platform.boundary.CityProfileService;
import org.jimoto.web.i18n.LocaleBean;

/** The city's contact desk (keys {@code jimoto.city.contact.*}) in the session's language. */
@Named("inquiry")
@RequestScoped
public class InquiryBean {

  @Inject CityProfileService city;
  @Inject LocaleBean localeBean;

  private CityContact contact;

  private CityContact contact() {
    if (contact == null) {
      contact = city.contact();
    }
    return contact;
  }

  public String getDesk() {
    return contact().desk(localeBean.getLocale());
  }

  public String getHours() {
    return contact().hours(localeBean.getLocale());
  }

  public String getPhone() {
    return contact().phone();
  }

  public String getPhoneUri() {
    return contact().phoneUri();
  }

  public String getEmail() {
    return contact().email();
  }
}
