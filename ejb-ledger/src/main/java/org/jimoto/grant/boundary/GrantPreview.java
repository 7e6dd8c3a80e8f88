package org.jimoto.grant.boundary;

import java.time.LocalDate;
import java.util.List;
import org.jimoto.ledger.boundary.Refusal;

/**
 * What a bulk-grant file would grant, row by row, before anything is granted: every
 * row's error, and the rows already granted by an earlier upload (skipped, never granted twice).
 *
 * @param fileError an error of the whole file (then {@code rows} is empty), else null
 */
public record GrantPreview(
    String contentHash, List<Row> rows, Refusal fileError, Object[] fileArgs) {

  /** A row's state: to be granted, already granted (skipped), or wrong (blocks the whole file). */
  public enum Status {
    TO_GRANT,
    ALREADY_GRANTED,
    ERROR
  }

  public record Row(
      int number,
      String member,
      String serviceCode,
      String amountText,
      Long amountYen,
      LocalDate expiresOn,
      String reason,
      String grantId,
      Status status,
      Refusal error,
      Object[] errorArgs) {}

  public GrantPreview {
    rows = List.copyOf(rows);
    fileArgs = fileArgs == null ? new Object[0] : fileArgs.clone();
  }

  /** Rows with an error; nothing is granted while this is not zero. */
  public long errorCount() {
    return rows.stream().filter(r -> r.status() == Status.ERROR).count();
  }

  public long toGrantCount() {
    return rows.stream().filter(r -> r.status() == Status.TO_GRANT).count();
  }

  public long alreadyGrantedCount() {
    return rows.stream().filter(r -> r.status() == Status.ALREADY_GRANTED).count();
  }

  public long toGrantYen() {
    return rows.stream().filter(r -> r.status() == Status.TO_GRANT).mapToLong(Row::amountYen).sum();
  }

  /** True when the file can be granted: no file error and no row error. */
  public boolean valid() {
    return fileError == null && errorCount() == 0;
  }
}
