package org.jimoto.web.resident;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;
import org.jimoto.identity.boundary.LoginOutcome;
import org.jimoto.identity.entity.Portal;
import org.jimoto.notification.boundary.CodeCheck;
import org.jimoto.resident.boundary.LoginCodes;
import org.jimoto.web.i18n.LocaleBean;
import org.jimoto.web.resident.signup.LoginCodeCredential;
import org.jimoto.web.resident.signup.PendingLogin;
import org.jimoto.web.security.PortalAuthenticationMechanism;

/**
 * Form login of the Resident portal: accepts RESIDENT accounts only. A resident with a confirmed
 * phone then gets an SMS code: the right password only opens the code page ({@code
 * /login-code.xhtml}); the session is established, with a new session id, once the code is right.
 *
 * <p>A protected page asked for half-way (password right, code not yet) goes to the code page; once
 * that login is abandoned or lapsed, to the login page. Without this, the login form's {@code
 * newAuthentication} marker left in the session by Soteria makes it ask this mechanism, which had
 * nothing to do, and the page came back blank with 200 (#10 identity review).
 */
@AutoApplySession
@LoginToContinue(loginPage = "/login.xhtml", errorPage = "", useForwardToLogin = false)
@ApplicationScoped
public class ResidentAuthenticationMechanism extends PortalAuthenticationMechanism {

  /** The code page, where the second step happens. */
  public static final String CODE_PAGE = "/login-code.xhtml";

  static final String LOGIN_PAGE = "/login.xhtml";

  @Inject LoginCodes loginCodes;

  @Override
  public Portal portal() {
    return Portal.RESIDENT;
  }

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    if (context.getAuthParameters().getCredential() instanceof LoginCodeCredential code) {
      return codeStep(request, response, context, code);
    }
    boolean protectedPage =
        context.isProtected() && context.getAuthParameters().getCredential() == null;
    if (protectedPage && PendingLogin.in(request.getSession(false), Instant.now()).isPresent()) {
      return context.redirect(request.getContextPath() + CODE_PAGE);
    }
    AuthenticationStatus status = super.validateRequest(request, response, context);
    if (protectedPage && status == AuthenticationStatus.NOT_DONE) {
      return context.redirect(request.getContextPath() + LOGIN_PAGE);
    }
    return status;
  }

  @Override
  protected boolean secondFactorStarted(
      HttpServletRequest request, HttpServletResponse response, LoginOutcome.Authenticated ok) {
    var phone = loginCodes.secondFactor(ok.loginName());
    if (phone.isEmpty()) {
      return false;
    }
    HttpSession session = request.getSession();
    request.changeSessionId(); // the half-way state gets an id of its own too
    var issue = loginCodes.send(ok.loginName(), localeOf(session));
    session.setAttribute(
        PendingLogin.ATTRIBUTE, PendingLogin.of(ok, phone.get().hint(), Instant.now(), issue));
    try {
      response.sendRedirect(request.getContextPath() + CODE_PAGE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return true;
  }

  /**
   * The code typed on the code page, for the login whose password was right in this session. The
   * check's result is left in the request for the page's message; a code that cannot become right
   * any more (too many tries, none live) ends the half-way login.
   */
  private AuthenticationStatus codeStep(
      HttpServletRequest request,
      HttpServletResponse response,
      HttpMessageContext context,
      LoginCodeCredential code) {
    HttpSession session = request.getSession(false);
    PendingLogin pending = PendingLogin.in(session, Instant.now()).orElse(null);
    if (pending == null) {
      request.setAttribute(OUTCOME_ATTRIBUTE, CodeCheck.NO_CODE);
      return context.notifyContainerAboutLogin(CredentialValidationResult.INVALID_RESULT);
    }
    CodeCheck check = loginCodes.check(pending.loginName(), code.code());
    request.setAttribute(OUTCOME_ATTRIBUTE, check);
    if (check != CodeCheck.VALID) {
      if (check == CodeCheck.TOO_MANY_TRIES || check == CodeCheck.NO_CODE) {
        session.removeAttribute(PendingLogin.ATTRIBUTE);
      }
      return context.notifyContainerAboutLogin(CredentialValidationResult.INVALID_RESULT);
    }
    session.removeAttribute(PendingLogin.ATTRIBUTE);
    LoginOutcome.Authenticated ok = pending.outcome();
    request.setAttribute(OUTCOME_ATTRIBUTE, ok);
    return completeLogin(request, response, context, ok, false);
  }

  private static Locale localeOf(HttpSession session) {
    return session.getAttribute(LocaleBean.SESSION_ATTRIBUTE) instanceof Locale l
        ? l
        : Locale.JAPANESE;
  }
}
