package org.jimoto.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import java.util.stream.Collectors;
import org.jimoto.identity.boundary.LoginOutcome;
import org.jimoto.identity.boundary.LoginService;
import org.jimoto.identity.boundary.RememberMeService;
import org.jimoto.identity.entity.Portal;

/**
 * Form login of one portal, checked against that portal's accounts only.
 *
 * <p>Each WAR declares its own subclass
 * ({@code @ApplicationScoped @AutoApplySession @LoginToContinue}): annotation-defined mechanisms
 * and identity stores do not stay per-WAR inside one EAR on Payara (see stack.md), a bean of the
 * WAR's own does. The outcome of an attempt is left in a request attribute so the login page can
 * word it (wrong password, throttled, busy) and send a first login to the password change.
 */
@HeadersBeforeLogin.Binding
public abstract class PortalAuthenticationMechanism implements HttpAuthenticationMechanism {

  public static final String OUTCOME_ATTRIBUTE = "org.jimoto.web.login.outcome";

  /** The WAR's portal, for code the container creates outside CDI's reach (filters). */
  public static final String PORTAL_ATTRIBUTE = "org.jimoto.web.portal";

  @Inject LoginService loginService;

  /** "Keep me signed in" asked for at a login whose issued password must be changed first. */
  static final String REMEMBER_AFTER_CHANGE = "jimoto.rememberAfterPasswordChange";

  @Inject RememberMeService rememberMe;

  /** The portal whose accounts this mechanism accepts. */
  public abstract Portal portal();

  /**
   * Names the portal in the servlet context when the WAR starts: filters of a library jar are
   * created with a bean manager that sees no WAR's beans (web-common is in all three WARs).
   */
  public void publishPortal(
      @Observes @Initialized(ApplicationScoped.class) ServletContext context) {
    context.setAttribute(PORTAL_ATTRIBUTE, portal());
  }

  /**
   * The portal of a WAR, for its beans too: the server root (web-root) has none, and so no
   * mechanism bean that could be injected.
   */
  public static Portal portalOf(ServletContext context) {
    return (Portal) context.getAttribute(PORTAL_ATTRIBUTE);
  }

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    if (!(context.getAuthParameters().getCredential()
        instanceof UsernamePasswordCredential credential)) {
      return rememberedDevice(request, response, context);
    }
    LoginOutcome outcome =
        loginService.authenticate(
            portal(),
            credential.getCaller(),
            credential.getPassword().getValue(),
            ClientAddress.of(request),
            PortalCookie.KNOWN_DEVICE.read(request).orElse(null));
    request.setAttribute(OUTCOME_ATTRIBUTE, outcome);
    if (outcome instanceof LoginOutcome.Authenticated ok) {
      if (secondFactorStarted(request, response, ok)) {
        return AuthenticationStatus.SEND_CONTINUE; // it redirected to its page
      }
      return completeLogin(
          request, response, context, ok, context.getAuthParameters().isRememberMe());
    }
    return context.notifyContainerAboutLogin(CredentialValidationResult.INVALID_RESULT);
  }

  /**
   * A portal whose logins need a second factor (the resident portal's SMS code, R-90) starts it
   * here after the right password: it keeps what is needed in the session, sends the code,
   * redirects to its page and answers true. No session is established yet. Default: none.
   */
  protected boolean secondFactorStarted(
      HttpServletRequest request, HttpServletResponse response, LoginOutcome.Authenticated ok) {
    return false;
  }

  /**
   * Establishes the login: the known-device cookie, "keep me signed in" if asked and offered, a new
   * session id (session fixation), and the caller with its roles.
   */
  protected AuthenticationStatus completeLogin(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context,
      LoginOutcome.Authenticated ok,
      boolean remember) {
    PortalCookie.KNOWN_DEVICE.write(
        request, response, loginService.knownDeviceToken(portal(), ok.loginName()));
    if (remember) {
      rememberMe
          .issue(portal(), ok.loginName())
          .ifPresentOrElse(
              token -> PortalCookie.REMEMBER_ME.write(request, response, token),
              // An issued password must be changed first: the wish waits in the session
              // for the change, which then keeps this device signed in.
              () -> request.getSession().setAttribute(REMEMBER_AFTER_CHANGE, Boolean.TRUE));
    }
    return loggedIn(request, context, ok);
  }

  /**
   * A request without a session: a till that ticked "keep me signed in" gets a new session from its
   * cookie (#9 item 1); an invalid or revoked cookie is dropped. Not only on protected pages: for
   * those, {@code @LoginToContinue} redirects to the login page before asking this mechanism, and
   * it is there that the cookie signs the till in and is sent on to the page it asked for.
   */
  private AuthenticationStatus rememberedDevice(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    if (!RememberMeService.offeredIn(portal())) {
      return context.doNothing();
    }
    var token = PortalCookie.REMEMBER_ME.read(request);
    if (token.isEmpty()) {
      return context.doNothing();
    }
    var remembered = rememberMe.authenticate(portal(), token.get());
    if (remembered.isEmpty()) {
      PortalCookie.REMEMBER_ME.clear(request, response);
      return context.doNothing();
    }
    request.setAttribute(OUTCOME_ATTRIBUTE, remembered.get());
    return loggedIn(request, context, remembered.get());
  }

  /**
   * The session, if one exists, gets a new id at login (#10: a session id known before the login,
   * e.g. planted by an attacker, is worth nothing after it).
   */
  private static AuthenticationStatus loggedIn(
      HttpServletRequest request, HttpMessageContext context, LoginOutcome.Authenticated ok) {
    if (request.getSession(false) != null) {
      request.changeSessionId();
    }
    Set<String> groups = ok.roles().stream().map(Enum::name).collect(Collectors.toSet());
    return context.notifyContainerAboutLogin(new CallerPrincipal(ok.loginName()), groups);
  }

  /** Logout of this device: its "keep me signed in" token stops working, its cookie goes. */
  public void forgetDevice(HttpServletRequest request, HttpServletResponse response) {
    PortalCookie.REMEMBER_ME.read(request).ifPresent(rememberMe::revoke);
    PortalCookie.REMEMBER_ME.clear(request, response);
  }

  /**
   * After a password change, which ended every device's token: this device, if it was kept signed
   * in (or asked to be at a first login, before the issued password was changed), stays so with a
   * new token.
   */
  public void rememberAgain(
      HttpServletRequest request, HttpServletResponse response, String loginName) {
    var session = request.getSession(false);
    boolean wished = session != null && session.getAttribute(REMEMBER_AFTER_CHANGE) != null;
    if (wished) {
      session.removeAttribute(REMEMBER_AFTER_CHANGE);
    }
    if (wished || PortalCookie.REMEMBER_ME.read(request).isPresent()) {
      rememberMe
          .issue(portal(), loginName)
          .ifPresentOrElse(
              token -> PortalCookie.REMEMBER_ME.write(request, response, token),
              () -> PortalCookie.REMEMBER_ME.clear(request, response));
    }
  }

  /** Whether the login page offers "keep me signed in". */
  public boolean rememberMeOffered() {
    return RememberMeService.offeredIn(portal());
  }
}
