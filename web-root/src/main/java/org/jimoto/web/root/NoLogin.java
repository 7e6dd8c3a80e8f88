package org.jimoto.web.root;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The server root has no login. Payara's Jakarta Security bridge is installed for every WAR of an
 * EAR in which any WAR has a mechanism, and fails every request of a WAR that has none: this one
 * lets every request through unauthenticated.
 */
@ApplicationScoped
public class NoLogin implements HttpAuthenticationMechanism {

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    return context.doNothing();
  }
}
