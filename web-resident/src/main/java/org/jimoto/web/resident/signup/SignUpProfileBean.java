package org.jimoto.web.resident.signup;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.LocalDate;
import org.jimoto.resident.boundary.ResidentSignUp;
import org.jimoto.resident.boundary.SignUpProfile;

/**
 * Sign-up, second step, opened from the mailed link: name, name in katakana, date of birth,
 * address, whether it is in the city, and the password (chosen here, by whoever reads the mailbox:
 * #10 identity review). Creates the resident and the login.
 */
@Named("signUpProfile")
@ViewScoped
public class SignUpProfileBean implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject ResidentSignUp signUp;
  @Inject SignUpSession session;
  @Inject PortalText text;

  private String token;
  private String email;
  private String name;
  private String nameKana;
  private LocalDate birthDate;
  private String address;
  private Boolean livesInCity;
  private String password;
  private String confirmation;

  /** The link's token: an unknown, used or expired one is said so. */
  public void open() {
    email = signUp.emailOfLink(token).orElse(null);
  }

  public boolean isLinkValid() {
    return email != null;
  }

  public String submit() {
    if (livesInCity == null) {
      text.error("signup.problem.IN_CITY_MISSING");
      return null;
    }
    if (password == null || !password.equals(confirmation)) {
      text.error("signup.passwordMismatch");
      password = confirmation = null;
      return null;
    }
    var outcome =
        signUp.complete(
            token,
            new SignUpProfile(name, nameKana, birthDate, address, livesInCity),
            password.toCharArray());
    password = confirmation = null;
    if (outcome instanceof ResidentSignUp.Completion.Created created) {
      // The account exists now: a new session id, so that one fixed before cannot bind its phone.
      ((jakarta.servlet.http.HttpServletRequest)
              jakarta.faces.context.FacesContext.getCurrentInstance()
                  .getExternalContext()
                  .getRequest())
          .changeSessionId();
      session.created(created.residentId(), created.loginName());
      return "/signup-phone.xhtml?faces-redirect=true";
    }
    ((ResidentSignUp.Completion.Refused) outcome)
        .problems()
        .forEach(p -> text.error("signup.problem." + p.name()));
    return null;
  }

  public String getPassword() {
    return password;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public String getConfirmation() {
    return confirmation;
  }

  public void setConfirmation(String confirmation) {
    this.confirmation = confirmation;
  }

  public String getToken() {
    return token;
  }

  public void setToken(String token) {
    this.token = token;
  }

  public String getEmail() {
    return email;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getNameKana() {
    return nameKana;
  }

  public void setNameKana(String nameKana) {
    this.nameKana = nameKana;
  }

  public LocalDate getBirthDate() {
    return birthDate;
  }

  public void setBirthDate(LocalDate birthDate) {
    this.birthDate = birthDate;
  }

  public String getAddress() {
    return address;
  }

  public void setAddress(String address) {
    this.address = address;
  }

  public Boolean getLivesInCity() {
    return livesInCity;
  }

  public void setLivesInCity(Boolean livesInCity) {
    this.livesInCity = livesInCity;
  }
}
