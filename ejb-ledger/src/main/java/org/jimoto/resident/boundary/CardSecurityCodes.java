package org.jimoto.resident.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.util.List;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.identity.boundary.PasswordHasher;
import org.jimoto.identity.entity.Portal;
import org.jimoto.resident.entity.CardCode;

/**
 * The card's security code (セキュリティコード, R-84): six digits printed on the card under a scratch strip,
 * asked for when its owner moves the card into the app, so that knowing the member code (which a
 * till sees) is not enough. Stored as a PBKDF2 hash, like a password; shown once, when the window
 * issues the card (#11 calls {@link #issue}). Audit-logged without the code.
 */
@Stateless
public class CardSecurityCodes {

  public static final int LENGTH = 6;
  private static final SecureRandom RANDOM = new SecureRandom();

  @PersistenceContext EntityManager em;
  @Inject PasswordHasher hasher;
  @Inject AuditLog audit;

  /**
   * Gives the card a new security code, replacing any earlier one.
   *
   * @return the code, to print on the card; it is not kept anywhere in clear
   * @throws IllegalArgumentException if no card has this member code
   */
  public String issue(String actor, String memberCode) {
    String code = newCode();
    int updated =
        em.createNativeQuery(
                "UPDATE resident SET card_security_hash = ?1"
                    + " WHERE card_member_code = ?2 AND membership = 'CARD'")
            .setParameter(1, hasher.hash(code.toCharArray()))
            .setParameter(2, memberCode)
            .executeUpdate();
    if (updated != 1) {
      throw new IllegalArgumentException("no card " + memberCode);
    }
    audit.record(Portal.ADMIN, actor, "CARD_SECURITY_CODE", "card " + memberCode);
    return code;
  }

  /**
   * A fresh code from {@link SecureRandom}, for a card the window is issuing (its hash is stored
   * with the new card, #11 item 3).
   */
  public static String newCode() {
    StringBuilder code = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      code.append((char) ('0' + RANDOM.nextInt(10)));
    }
    return code.toString();
  }

  /**
   * Whether {@code code} is the card's security code. False for an unknown card, a card without a
   * security code and anything not shaped like one; the hash is checked only for a real card with a
   * code, so the caller must limit attempts (CardMigrations does).
   */
  public boolean matches(String memberCode, String code) {
    if (!CardCode.isValid(memberCode) || !wellFormed(code)) {
      return false;
    }
    @SuppressWarnings("unchecked")
    List<Object> hashes =
        em.createNativeQuery(
                "SELECT card_security_hash FROM resident WHERE card_member_code = ?1"
                    + " AND membership = 'CARD' AND card_security_hash IS NOT NULL")
            .setParameter(1, memberCode)
            .getResultList();
    if (hashes.isEmpty()) {
      // As slow as a real check, so the time taken does not tell whether the card exists.
      hasher.verify(code.toCharArray(), dummyHash());
      return false;
    }
    return hasher.verify(code.toCharArray(), (String) hashes.get(0));
  }

  private static volatile String dummy;

  private String dummyHash() {
    String d = dummy;
    if (d == null) {
      d = hasher.hash("no-card".toCharArray());
      dummy = d;
    }
    return d;
  }

  static boolean wellFormed(String code) {
    return code != null
        && code.length() == LENGTH
        && code.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
