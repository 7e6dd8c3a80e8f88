package org.jimoto.web.resident.signup;

import jakarta.enterprise.context.SessionScoped;
import java.io.Serializable;

/**
 * The resident this (not logged-in) session just created by signing up, for the phone step that
 * follows; nothing else may be done with it without logging in.
 */
@SessionScoped
public class SignUpSession implements Serializable {

  private static final long serialVersionUID = 1L;

  private Long residentId;
  private String loginName;

  void created(long residentId, String loginName) {
    this.residentId = residentId;
    this.loginName = loginName;
  }

  void finished() {
    residentId = null;
  }

  Long residentId() {
    return residentId;
  }

  String loginName() {
    return loginName;
  }
}
