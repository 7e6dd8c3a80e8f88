package org.jimoto.platform.boundary;

import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Serves the configured {@link CityProfile} (keys {@code jimoto.city.*}, {@code
 * jimoto.currency.*}).
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

  public CityProfile profile() {
    return new CityProfile(cityJa, cityEn, currencyJa, currencyEn);
  }
}
