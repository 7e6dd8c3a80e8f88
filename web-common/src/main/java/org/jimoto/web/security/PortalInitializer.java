package org.jimoto.web.security;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.util.Set;

/**
 * Start-up settings of every portal that depend on configuration or on {@link SecurityHeaders}, so
 * that they are written once: PrimeFaces' CSP mode (it puts a fresh nonce on every script it
 * renders and adds it to {@link SecurityHeaders#PAGE_POLICY}), and the session cookie's {@code
 * Secure} flag on HTTPS-only servers (#8 findings 6 and 8). Payara may call one portal's
 * initializer for all three, so it keeps nothing of its own in the contexts.
 */
public class PortalInitializer implements ServletContainerInitializer {

  @Override
  public void onStartup(Set<Class<?>> classes, ServletContext context) {
    context.setInitParameter("primefaces.CSP", "true");
    context.setInitParameter("primefaces.CSP_POLICY", SecurityHeaders.PAGE_POLICY);
    // SameSite=Lax is set by the launcher on Payara's listeners, for every cookie: Payara 6
    // ignores the cookie-config attribute of web.xml ("Unsupported deployment descriptors
    // element").
    if (Transport.fromConfig(context.getClassLoader()).httpsOnly()) {
      context.getSessionCookieConfig().setSecure(true);
    }
  }
}
