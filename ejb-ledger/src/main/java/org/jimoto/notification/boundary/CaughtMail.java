package org.jimoto.notification.boundary;

import java.time.LocalDateTime;

/** A mail the local mail catcher received, for the demo's mail page. */
public record CaughtMail(
    String to, String from, String subject, String body, LocalDateTime sentAt) {}
