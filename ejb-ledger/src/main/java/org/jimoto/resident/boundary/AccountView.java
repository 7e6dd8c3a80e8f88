package org.jimoto.resident.boundary;

import java.time.LocalDate;
import java.time.LocalDateTime;

/** What the account page shows of the logged-in resident. */
public record AccountView(
    long residentId,
    String name,
    String nameKana,
    LocalDate birthDate,
    String address,
    String email,
    String phone,
    boolean phoneConfirmed,
    LocalDateTime identityVerifiedAt,
    String language,
    LocalDateTime closingRequestedAt)
    implements java.io.Serializable {}
