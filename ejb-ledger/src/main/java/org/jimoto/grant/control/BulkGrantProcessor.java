package org.jimoto.grant.control;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jimoto.audit.boundary.AuditLog;
import org.jimoto.charge.boundary.CreditView;
import org.jimoto.grant.boundary.BulkGrantOutcome;
import org.jimoto.grant.boundary.GrantPreview;
import org.jimoto.grant.boundary.GrantPreview.Status;
import org.jimoto.identity.boundary.LoginService;
import org.jimoto.identity.entity.Portal;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.ledger.boundary.RefusedException;
import org.jimoto.ledger.control.Catalog;
import org.jimoto.ledger.control.SqlDialect;
import org.jimoto.platform.boundary.DatabaseMigrator;

/**
 * Grants from the admin screens (#11 item 4, R-12, R-83): one resident by member code, or a CSV
 * file of rows ({@link GrantCsv}), all in the caller's transaction with their audit events (R-94).
 * Each grant inserts its idempotency key into {@code grant_request} (unique) in that transaction,
 * so a key already there is never granted again, and of two concurrent uploads of one file the
 * second fails on the key and rolls back.
 */
@Stateless
public class BulkGrantProcessor {

  @Resource(lookup = DatabaseMigrator.DATA_SOURCE)
  DataSource dataSource;

  @Inject Clock clock;
  @Inject AuditLog audit;
  @Inject GrantProcessor grants;
  @Inject GrantBounds bounds;

  /** Every row of the file with its error or state; changes nothing. */
  public GrantPreview preview(byte[] file, String defaultReason) {
    return preview(GrantCsv.parse(file), defaultReason);
  }

  private GrantPreview preview(GrantCsv.Parsed parsed, String defaultReason) {
    if (parsed.fileError() != null) {
      return new GrantPreview(null, List.of(), parsed.fileError(), parsed.fileArgs());
    }
    try (Connection c = dataSource.getConnection()) {
      var catalog = new Catalog(c);
      LocalDate today = LocalDate.now(clock);
      List<GrantPreview.Row> rows = new ArrayList<>();
      for (GrantCsv.Row r : parsed.rows()) {
        String reason = r.reason().isEmpty() ? strip(defaultReason) : r.reason();
        Refusal error = r.error();
        Object[] args = r.errorArgs();
        Status status;
        Optional<String> earlier = grantedContent(c, r.idempotencyKey());
        if (earlier.isPresent() && !sameContent(earlier.get(), r.contentHash())) {
          // A grant id used before for another grant (another programme numbering its rows
          // 1..n too): granting nothing for it silently would leave this resident unpaid.
          status = Status.ERROR;
          error = Refusal.GRANT_ID_CONFLICT;
          args = new Object[] {r.grantId()};
        } else if (earlier.isPresent()) {
          status = Status.ALREADY_GRANTED;
          error = null;
          args = new Object[0];
        } else {
          if (error == null) {
            try {
              check(
                  c,
                  catalog,
                  r.member(),
                  r.serviceCode(),
                  r.amountYen() == null ? 0 : r.amountYen(),
                  r.expiresOn(),
                  reason,
                  today);
            } catch (RefusedException e) {
              error = e.refusal();
              args = e.args();
            }
          }
          status = error == null ? Status.TO_GRANT : Status.ERROR;
        }
        rows.add(
            new GrantPreview.Row(
                r.number(),
                r.member(),
                r.serviceCode(),
                r.amountText(),
                r.amountYen(),
                r.expiresOn(),
                reason,
                r.grantId(),
                status,
                error,
                args));
      }
      return new GrantPreview(parsed.contentHash(), rows, null, null);
    } catch (SQLException e) {
      throw new IllegalStateException("grant preview failed: " + e.getMessage(), e);
    }
  }

  /**
   * Grants every row not granted before, all or nothing: while the preview has an error nothing is
   * granted; a row the ledger refuses (e.g. the holding limit, R-14) rolls the whole file back.
   */
  public BulkGrantOutcome grantFile(byte[] file, String defaultReason, String actor) {
    GrantCsv.Parsed parsed = GrantCsv.parse(file);
    GrantPreview preview = preview(parsed, defaultReason);
    if (!preview.valid()) {
      return new BulkGrantOutcome.Invalid(preview);
    }
    int granted = 0;
    long grantedYen = 0;
    for (int i = 0; i < preview.rows().size(); i++) {
      GrantPreview.Row row = preview.rows().get(i);
      GrantCsv.Row read = parsed.rows().get(i); // the same row: the preview keeps the file's order
      if (row.status() != Status.TO_GRANT) {
        continue;
      }
      try {
        grantOnce(
            read.idempotencyKey(),
            read.contentHash(),
            row.member(),
            row.serviceCode(),
            row.amountYen(),
            row.expiresOn(),
            row.reason(),
            actor,
            false);
      } catch (RefusedException e) {
        throw new RowRefusedException(row.number(), e.refusal(), e.args());
      }
      granted++;
      grantedYen += row.amountYen();
    }
    audit.record(
        Portal.ADMIN,
        actor,
        "GRANT_CSV",
        "file sha256 "
            + preview.contentHash()
            + ", rows granted "
            + granted
            + ", yen "
            + grantedYen
            + ", rows already granted "
            + preview.alreadyGrantedCount(),
        strip(defaultReason));
    return new BulkGrantOutcome.Granted(granted, grantedYen, (int) preview.alreadyGrantedCount());
  }

  /**
   * One grant to the resident with this member code (or app member's e-mail), once per {@code
   * requestKey} (the form's own key: a double submit grants once).
   */
  public CreditView grantOne(
      String member,
      String serviceCode,
      long amountYen,
      LocalDate expiresOn,
      String reason,
      String requestKey,
      String actor,
      boolean clerk) {
    if (requestKey == null || requestKey.isBlank() || requestKey.length() > 100) {
      throw new RefusedException(Refusal.IDEMPOTENCY_KEY_INVALID);
    }
    String content =
        GrantCsv.contentHash(
            strip(member),
            strip(serviceCode),
            Long.toString(amountYen),
            amountYen,
            String.valueOf(expiresOn),
            expiresOn);
    return grantOnce(
        "one:" + requestKey,
        content,
        member,
        serviceCode,
        amountYen,
        expiresOn,
        reason,
        actor,
        clerk);
  }

  private CreditView grantOnce(
      String key,
      String contentHash,
      String member,
      String serviceCode,
      long amountYen,
      LocalDate expiresOn,
      String reason,
      String actor,
      boolean clerk) {
    try (Connection c = dataSource.getConnection()) {
      Optional<String> earlier = grantedContent(c, key);
      if (earlier.isPresent()) {
        throw sameContent(earlier.get(), contentHash)
            ? new RefusedException(Refusal.GRANT_ALREADY_DONE)
            : new RefusedException(Refusal.GRANT_ID_CONFLICT, key);
      }
      long residentId =
          resident(c, member).orElseThrow(() -> new RefusedException(Refusal.UNKNOWN_RESIDENT));
      if (expiresOn == null) {
        throw new RefusedException(Refusal.GRANT_EXPIRY_MISSING); // R-12: a fixed expiry date
      }
      // The grant bounds (R-12, R-83) are checked in GrantProcessor.grant, which every path takes.
      CreditView credit =
          grants.grant(residentId, serviceCode, amountYen, expiresOn, actor, strip(reason), clerk);
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO grant_request (idempotency_key, tran_id, granted_by, granted_at,"
                  + " content_hash) VALUES (?, ?, ?, ?, ?)")) {
        ps.setString(1, key);
        ps.setString(2, credit.parts().get(0).tranId());
        ps.setString(3, actor);
        ps.setTimestamp(4, Timestamp.valueOf(LocalDateTime.now(clock)));
        ps.setString(5, contentHash);
        ps.executeUpdate();
      } catch (SQLException e) {
        if (SqlDialect.UNIQUE_VIOLATION.equals(e.getSQLState())) {
          // Another upload of the same request committed first: roll this one back. Only the
          // unique key says so; any other integrity error is a fault, not "already done".
          throw new RefusedException(Refusal.GRANT_ALREADY_DONE);
        }
        throw e;
      }
      return credit;
    } catch (SQLException e) {
      throw new IllegalStateException("grant failed: " + e.getMessage(), e);
    }
  }

  /** What the ledger would refuse, checked before anything is granted. */
  private void check(
      Connection c,
      Catalog catalog,
      String member,
      String serviceCode,
      long amountYen,
      LocalDate expiresOn,
      String reason,
      LocalDate today)
      throws SQLException {
    long residentId =
        resident(c, member).orElseThrow(() -> new RefusedException(Refusal.UNKNOWN_RESIDENT));
    Catalog.Chargee chargee =
        catalog
            .chargee(residentId)
            .orElseThrow(() -> new RefusedException(Refusal.UNKNOWN_RESIDENT));
    if (chargee.card() && !chargee.cardEnabled()) {
      // #11 finding 9: the same refusal as a single grant: a lost (or replaced) card says
      // CARD_LOST, a card moved into the app CARD_MOVED (R-84).
      throw new RefusedException(chargee.disabledCardRefusal());
    }
    Catalog.Service service = catalog.service(serviceCode);
    if (expiresOn.isBefore(today)) {
      throw new RefusedException(Refusal.EXPIRY_IN_THE_PAST, expiresOn);
    }
    bounds.check(service, amountYen, expiresOn, today, false); // a file is the administrator's
    if (reason == null || reason.isBlank()) {
      throw new RefusedException(Refusal.REASON_MISSING);
    }
  }

  /** A card's 8-digit member code, or an app member's login e-mail address. */
  static Optional<Long> resident(Connection c, String member) throws SQLException {
    String code = member == null ? "" : member.strip();
    String sql =
        code.contains("@")
            ? "SELECT resident_id FROM user_account WHERE portal = 'RESIDENT' AND login_name = ?"
                + " AND resident_id IS NOT NULL"
            : "SELECT id FROM resident WHERE card_member_code = ? AND membership = 'CARD'";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, code.contains("@") ? LoginService.normalize(code) : code);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  /**
   * The content hash stored with this key ("" for a grant made before V27 stored it), or empty when
   * the key was never granted.
   */
  private static Optional<String> grantedContent(Connection c, String key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT content_hash FROM grant_request WHERE idempotency_key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        String hash = rs.getString(1);
        return Optional.of(hash == null ? "" : hash);
      }
    }
  }

  /** A grant made before V27 has no content hash: taken as the same, so it is never paid twice. */
  private static boolean sameContent(String stored, String content) {
    return stored.isEmpty() || stored.equals(content);
  }

  private static String strip(String s) {
    return s == null ? "" : s.strip();
  }
}
