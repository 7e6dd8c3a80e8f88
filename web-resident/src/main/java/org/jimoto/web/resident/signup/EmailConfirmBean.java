package org.jimoto.web.resident.signup;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jimoto.resident.boundary.ResidentAccounts;

/** Opened from the mail sent to a new address: confirms the change of e-mail (and login name). */
@Named("emailConfirm")
@RequestScoped
public class EmailConfirmBean {

  @Inject ResidentAccounts accounts;

  private String token;
  private String email;

  public void open() {
    email = accounts.confirmEmailChange(token).orElse(null);
  }

  public boolean isConfirmed() {
    return email != null;
  }

  public String getEmail() {
    return email;
  }

  public String getToken() {
    return token;
  }

  public void setToken(String token) {
    this.token = token;
  }
}
