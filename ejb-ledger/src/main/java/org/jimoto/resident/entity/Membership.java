package org.jimoto.resident.entity;

/** the two mutually exclusive kinds of membership. */
public enum Membership {
  /** App / web portal member: full features. */
  APP,
  /** Card member (専用カード): 8-digit member code; pays only at card-accepting shops. */
  CARD
}
