package org.jimoto.web.resident.signup;

import jakarta.security.enterprise.credential.Credential;

/** The SMS code typed at the second step of a resident's login. */
public record LoginCodeCredential(String code) implements Credential {}
