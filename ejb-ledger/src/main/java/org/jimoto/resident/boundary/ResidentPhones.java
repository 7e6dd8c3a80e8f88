package org.jimoto.resident.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Locale;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.identity.entity.Portal;
import org.jimoto.notification.boundary.CodeCheck;
import org.jimoto.notification.boundary.CodeIssue;
import org.jimoto.notification.boundary.CodePurpose;
import org.jimoto.notification.boundary.OneTimeCodes;
import org.jimoto.notification.boundary.PhoneNumber;
import org.jimoto.resident.entity.Resident;

/**
 * A resident registers or changes their phone: a {@link CodePurpose#PHONE_CONFIRMATION} code
 * goes to the new number, and the number is the resident's once the code comes back. From then on
 * each login asks for an SMS code to it. The old number stays until the new one is confirmed.
 */
@Stateless
public class ResidentPhones {

  @PersistenceContext EntityManager em;
  @Inject OneTimeCodes codes;
  @Inject AuditLog audit;
  @Inject Clock clock;

  public CodeIssue sendConfirmation(long residentId, PhoneNumber phone, Locale locale) {
    em.find(Resident.class, residentId); // exists
    return codes.issue(
        CodePurpose.PHONE_CONFIRMATION, LoginCodes.subject(residentId), phone, locale);
  }

  /** The code typed for {@code phone}; on {@link CodeCheck#VALID} the phone is confirmed. */
  public CodeCheck confirm(long residentId, PhoneNumber phone, String typed) {
    CodeCheck check =
        codes.checkSentTo(
            CodePurpose.PHONE_CONFIRMATION, LoginCodes.subject(residentId), phone, typed);
    if (check == CodeCheck.VALID) {
      Resident r = em.find(Resident.class, residentId);
      r.confirmPhone(phone.normalized(), LocalDateTime.now(clock));
      audit.record(Portal.RESIDENT, "resident:" + residentId, "PHONE_CONFIRMED", phone.hint());
    }
    return check;
  }
}
