package org.jimoto.platform.boundary;

import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Serves the configured {@link CityProfile} (keys {@code jimoto.city.name.*}, {@code
 * jimoto.currency.*}) and the city's {@link CityContact} (keys {@code jimoto.city.contact.*}).
 */
@Singleton
@Lock(LockType.READ)
public class CityProfileService {

  @Inject
  @ConfigProperty(name = "jimoto.city.name.ja")
  String cityJa;

  @Inject
  @ConfigProperty(name = "jimoto.city.name.en")
  String cityEn;

  @Inject
  @ConfigProperty(name = "jimoto.currency.name.ja")
  String currencyJa;

  @Inject
  @ConfigProperty(name = "jimoto.currency.name.en")
  String currencyEn;

  @Inject
  @ConfigProperty(name = "jimoto.city.contact.desk.ja")
  String deskJa;

  @Inject
  @ConfigProperty(name = "jimoto.city.contact.desk.en")
  String deskEn;

  @Inject
  @ConfigProperty(name = "jimoto.city.contact.phone")
  String phone;

  @Inject
  @ConfigProperty(name = "jimoto.city.contact.email")
  String email;

  @Inject
  @ConfigProperty(name = "jimoto.city.contact.hours.ja")
  String hoursJa;

  @Inject
  @ConfigProperty(name = "jimoto.city.contact.hours.en")
  String hoursEn;

  public CityContact contact() {
    return new CityContact(deskJa, deskEn, phone, email, hoursJa, hoursEn);
  }

  public CityProfile profile() {
    return new CityProfile(cityJa, cityEn, currencyJa, currencyEn);
  }
}
