package org.jimoto.notification.boundary;

import java.time.Instant;

/** What {@link OneTimeCodes#issue} did. */
public sealed interface CodeIssue {

  /** A new code went out by SMS; any earlier one for the same purpose and subject is void. */
  record Sent(Instant expiresAt) implements CodeIssue {}

  /**
   * Not sent: a code was sent too recently or too often for this subject or phone. An earlier code
   * that is still live stays valid.
   *
   * @param retryAt when a new code may be asked for
   */
  record Throttled(Instant retryAt) implements CodeIssue {}
}
