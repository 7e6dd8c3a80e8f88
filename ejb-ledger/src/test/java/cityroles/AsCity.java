package cityroles;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RunAs;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.function.Function;
import org.jimoto.merchant.boundary.MerchantCredentials;
import org.jimoto.merchant.boundary.MerchantOnboarding;

/**
 * Test-only callers (outside {@code org.jimoto}, so that only the tests that name them deploy them)
 * of {@link MerchantOnboarding} in each city role (#11): the container's own role check at the
 * boundary is what the tests exercise, not a flag the test sets. Also of {@link
 * MerchantCredentials} (#11 reissue).
 */
public final class AsCity {

  private AsCity() {}

  @Stateless
  @PermitAll
  @RunAs("CITY_ADMIN")
  public static class Admin {
    @Inject MerchantOnboarding onboarding;

    @Inject MerchantCredentials credentials;

    public <T> T call(Function<MerchantOnboarding, T> f) {
      return f.apply(onboarding);
    }

    public <T> T credentials(Function<MerchantCredentials, T> f) {
      return f.apply(credentials);
    }
  }

  @Stateless
  @PermitAll
  @RunAs("CITY_CLERK")
  public static class Clerk {
    @Inject MerchantOnboarding onboarding;

    @Inject MerchantCredentials credentials;

    public <T> T call(Function<MerchantOnboarding, T> f) {
      return f.apply(onboarding);
    }

    public <T> T credentials(Function<MerchantCredentials, T> f) {
      return f.apply(credentials);
    }
  }

  @Stateless
  @PermitAll
  @RunAs("CITY_AUDITOR")
  public static class Auditor {
    @Inject MerchantOnboarding onboarding;

    @Inject MerchantCredentials credentials;

    public <T> T call(Function<MerchantOnboarding, T> f) {
      return f.apply(onboarding);
    }

    public <T> T credentials(Function<MerchantCredentials, T> f) {
      return f.apply(credentials);
    }
  }
}
