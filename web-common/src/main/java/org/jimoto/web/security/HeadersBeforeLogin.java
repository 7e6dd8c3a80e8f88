package org.jimoto.web.security;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InterceptorBinding;
import jakarta.interceptor.InvocationContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The security headers on the responses an authentication mechanism ends itself (#8 finding 8):
 * authentication runs before any filter, and {@code @LoginToContinue}'s interceptor redirects to
 * the login page before the mechanism's own code runs. This interceptor runs before that one.
 */
@HeadersBeforeLogin.Binding
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class HeadersBeforeLogin {

  @Inherited
  @InterceptorBinding
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE)
  public @interface Binding {}

  @AroundInvoke
  public Object apply(InvocationContext invocation) throws Exception {
    Object[] arguments = invocation.getParameters();
    if ("validateRequest".equals(invocation.getMethod().getName())
        && arguments.length == 3
        && arguments[0] instanceof HttpServletRequest request
        && arguments[1] instanceof HttpServletResponse response) {
      SecurityHeaders.apply(request, response);
    }
    return invocation.proceed();
  }
}
