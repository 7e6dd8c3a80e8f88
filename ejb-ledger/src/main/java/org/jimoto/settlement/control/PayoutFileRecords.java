package org.jimoto.settlement.control;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jimoto.ledger.control.SqlDialect;
import org.jimoto.merchant.entity.BankAccount;

/**
 * The payout files made for the bank (V35, R-54): a due transfer goes into one file only, and a
 * file made is kept byte for byte, so it can be downloaded again without becoming a second request
 * to the bank. Plain JDBC on the caller's connection.
 */
public final class PayoutFileRecords {

  private PayoutFileRecords() {}

  /** A file made: its number within its payout date, what it holds, who made it when. */
  public record Made(
      long id,
      LocalDate payoutDate,
      int sequence,
      LocalDate transferDate,
      int transfers,
      long totalYen,
      LocalDateTime createdAt,
      String createdBy) {}

  /**
   * Transfers due on {@code payoutDate} (closed runs, lines DUE) that are in no file yet, with
   * their business's account; a shop whose business registered none is added to {@code
   * missingAccount} instead.
   */
  public static List<PayoutLine> unsent(
      Connection c, LocalDate payoutDate, List<String> missingAccount) throws SQLException {
    List<PayoutLine> lines = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT l.shop_id, b.bank_code, b.branch_code, b.account_type, b.account_number,"
                + " b.holder_kana, l.net_due_yen, l.id, s.code"
                + " FROM settlement_line l"
                + " JOIN settlement_run r ON r.id = l.run_id JOIN shop s ON s.id = l.shop_id"
                + " LEFT JOIN business_bank_account b ON b.business_id = s.business_id"
                + " WHERE r.payout_date = ? AND r.state = 'CLOSED' AND l.payout_state = 'DUE'"
                + " AND NOT EXISTS (SELECT 1 FROM payout_file_line f WHERE f.line_id = l.id)"
                + " ORDER BY s.code, l.id")) {
      ps.setDate(1, Date.valueOf(payoutDate));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (rs.getString(2) == null) {
            missingAccount.add(rs.getString(9));
          } else {
            lines.add(line(rs));
          }
        }
      }
    }
    return lines;
  }

  /**
   * The payout dates with a transfer due (closed runs, line DUE) that is in no file yet, oldest
   * first: what the bank has not been asked for, whichever run it came from (a late close, an
   * account registered late, a failed transfer carried over).
   */
  public static List<LocalDate> datesWithUnsent(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT DISTINCT r.payout_date FROM settlement_line l"
                + " JOIN settlement_run r ON r.id = l.run_id"
                + " WHERE r.payout_date IS NOT NULL AND r.state = 'CLOSED'"
                + " AND l.payout_state = 'DUE'"
                + " AND NOT EXISTS (SELECT 1 FROM payout_file_line f WHERE f.line_id = l.id)"
                + " ORDER BY r.payout_date")) {
      List<LocalDate> dates = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          dates.add(rs.getDate(1).toLocalDate());
        }
      }
      return dates;
    }
  }

  /**
   * Records a file of {@code lines} as the next of its payout date.
   *
   * @throws SQLException with SQLState 23505 when another file of that date, or holding one of
   *     these transfers, was recorded at the same time
   */
  public static Made record(
      Connection c,
      LocalDate payoutDate,
      LocalDate transferDate,
      byte[] content,
      List<PayoutLine> lines,
      String who,
      LocalDateTime now)
      throws SQLException {
    long id;
    try (PreparedStatement ps = c.prepareStatement(SqlDialect.of(c).nextValue("payout_file_seq"));
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      id = rs.getLong(1);
    }
    int sequence;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COALESCE(MAX(sequence_no), 0) + 1 FROM payout_file WHERE payout_date = ?")) {
      ps.setDate(1, Date.valueOf(payoutDate));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        sequence = rs.getInt(1);
      }
    }
    long total = lines.stream().mapToLong(PayoutLine::amountYen).sum();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO payout_file (id, payout_date, sequence_no, transfer_date, content, sha256,"
                + " transfers, total_yen, created_at, created_by)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, id);
      ps.setDate(2, Date.valueOf(payoutDate));
      ps.setInt(3, sequence);
      ps.setDate(4, Date.valueOf(transferDate));
      ps.setBytes(5, content);
      ps.setString(6, sha256(content));
      ps.setInt(7, lines.size());
      ps.setLong(8, total);
      ps.setTimestamp(9, Timestamp.valueOf(now));
      ps.setString(10, who);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO payout_file_line (line_id, file_id, record_no, shop_id, bank_code,"
                + " branch_code, account_type, account_number, holder_kana, amount_yen)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      int recordNo = 0;
      for (PayoutLine l : lines) {
        ps.setLong(1, l.lineId());
        ps.setLong(2, id);
        ps.setInt(3, ++recordNo);
        ps.setLong(4, l.shopId());
        ps.setString(5, l.bankCode());
        ps.setString(6, l.branchCode());
        ps.setInt(7, l.accountType().zenginCode());
        ps.setString(8, l.accountNumber());
        ps.setString(9, l.holderKana());
        ps.setLong(10, l.amountYen());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return new Made(id, payoutDate, sequence, transferDate, lines.size(), total, now, who);
  }

  /** The files made for a payout date, in order. */
  public static List<Made> of(Connection c, LocalDate payoutDate) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, payout_date, sequence_no, transfer_date, transfers, total_yen, created_at,"
                + " created_by FROM payout_file WHERE payout_date = ? ORDER BY sequence_no")) {
      ps.setDate(1, Date.valueOf(payoutDate));
      return made(ps);
    }
  }

  public static Optional<Made> find(Connection c, long fileId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, payout_date, sequence_no, transfer_date, transfers, total_yen, created_at,"
                + " created_by FROM payout_file WHERE id = ?")) {
      ps.setLong(1, fileId);
      return made(ps).stream().findFirst();
    }
  }

  /**
   * The file's bytes as they were made.
   *
   * @throws IllegalStateException if they no longer match the digest stored with them
   */
  public static byte[] content(Connection c, long fileId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT content, sha256 FROM payout_file WHERE id = ?")) {
      ps.setLong(1, fileId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalStateException("no payout file " + fileId);
        }
        byte[] content = rs.getBytes(1);
        if (!sha256(content).equals(rs.getString(2))) {
          throw new IllegalStateException("payout file " + fileId + " does not match its digest");
        }
        return content;
      }
    }
  }

  private static String sha256(byte[] content) {
    try {
      return java.util.HexFormat.of()
          .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A transfer from columns shop, bank, branch, type, number, holder, amount, line. */
  private static PayoutLine line(ResultSet rs) throws SQLException {
    return new PayoutLine(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        BankAccount.Type.ofCode(rs.getInt(4)),
        rs.getString(5),
        rs.getString(6),
        rs.getLong(7),
        rs.getLong(8));
  }

  private static List<Made> made(PreparedStatement ps) throws SQLException {
    List<Made> files = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        files.add(
            new Made(
                rs.getLong(1),
                rs.getDate(2).toLocalDate(),
                rs.getInt(3),
                rs.getDate(4).toLocalDate(),
                rs.getInt(5),
                rs.getLong(6),
                rs.getTimestamp(7).toLocalDateTime(),
                rs.getString(8)));
      }
    }
    return files;
  }
}
