package org.jimoto.identity.boundary;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Map;

/**
 * Pbkdf2 hashes with the parameters OWASP recommends for PBKDF2-HMAC-SHA512. The stored hash names
 * its own algorithm, iterations and salt, so older hashes keep verifying after a change here.
 */
@Dependent
public class PasswordHasher {

  private final Pbkdf2PasswordHash pbkdf2;

  @Inject
  PasswordHasher(Pbkdf2PasswordHash pbkdf2) {
    this.pbkdf2 = pbkdf2;
    pbkdf2.initialize(
        Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA512",
            "Pbkdf2PasswordHash.Iterations", "210000",
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "64"));
  }

  public String hash(char[] password) {
    return pbkdf2.generate(password);
  }

  public boolean verify(char[] password, String hash) {
    return pbkdf2.verify(password, hash);
  }
}
