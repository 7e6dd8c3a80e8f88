package org.jimoto.web.merchant.pos;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The POS API of the merchant portal. Its OpenAPI document is the static {@code
 * META-INF/openapi.yaml} of this WAR, served by Payara at {@code /openapi} (annotation scanning is
 * off: {@code mp.openapi.*} in the application's {@code microprofile-config.properties}).
 */
@ApplicationPath("/api")
public class PosApi extends Application {

  /**
   * The resource validates its input itself (every refusal has a stable code); Jersey's own Bean
   * Validation pass costs CPU on every payment for nothing.
   */
  @Override
  public java.util.Map<String, Object> getProperties() {
    return java.util.Map.of("jersey.config.beanValidation.disable.server", true);
  }
}
