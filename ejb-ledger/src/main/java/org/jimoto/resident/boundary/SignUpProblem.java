package org.jimoto.resident.boundary;

/** Why a sign-up or account change was refused; the portal words each in ja and en. */
public enum SignUpProblem {
  EMAIL_INVALID,
  TERMS_NOT_ACCEPTED,
  PASSWORD_TOO_SHORT,
  PASSWORD_TOO_LONG,
  PASSWORD_CONTAINS_LOGIN_NAME,
  PASSWORD_TOO_COMMON,
  NAME_MISSING,
  KANA_INVALID,
  BIRTH_DATE_INVALID,
  ADDRESS_MISSING,
  EMAIL_TAKEN,
  /** The link is unknown, used or expired. */
  LINK_INVALID,
  /** The current password, asked before the login address changes, is not right. */
  PASSWORD_WRONG,
  /** Too many attempts from this address or to this mailbox within the hour. */
  TOO_MANY_ATTEMPTS
}
