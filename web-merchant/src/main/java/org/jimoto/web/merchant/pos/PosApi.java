package org.jimoto.web.merchant.pos;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The POS API of the merchant portal; its OpenAPI document is served at {@code /openapi}. */
@ApplicationPath("/api")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Jimoto POS API",
            version = "1",
            description =
                "Payments at shop terminals: create (with Idempotency-Key), read, list, cancel."))
@SecurityScheme(
    securitySchemeName = "terminal",
    type = SecuritySchemeType.HTTP,
    scheme = "basic",
    description = "Terminal code and the terminal's API secret")
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
