package org.jimoto.notification.boundary;

import java.time.LocalDateTime;

/** A message the SMS simulator "sent", for its page. */
public record SentSms(long id, String phone, String body, LocalDateTime sentAt) {}
