package org.jimoto.statement.control;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One shop's settlement statement for one closing (精算明細書, R-73): the period, what residents paid at
 * the shop per service, what was cancelled, the amount carried over from an earlier failed transfer
 * the amount paid and when, and the account it is paid into, masked. Figures are the
 * ledger's; this only carries them to the PDF.
 *
 * @param payoutDate null while the payout date is undecided (a published calendar's 未定)
 * @param bankAccount the payee account as printed, the number already masked
 */
public record Statement(
    String cityName,
    String currencyName,
    String statementNumber,
    LocalDate issuedOn,
    String businessCode,
    String businessName,
    String shopCode,
    String shopName,
    LocalDate periodFirst,
    LocalDate periodLast,
    LocalDate closeDate,
    LocalDate payoutDate,
    String bankAccount,
    List<Line> lines,
    long carriedOverYen,
    Outcome outcome) {

  /**
   * What became of the closing's transfer: the bank's result as the ledger recorded
   * it, so a failed transfer's statement does not read as paid or payable.
   *
   * @param payoutState DUE, PAID, FAILED, CARRIED_OVER or NONE
   * @param failureReason why the bank could not transfer (FAILED, CARRIED_OVER), else null
   * @param carriedToFirst the sales period of the closing the amount was carried into, or null
   * @param carriedToPayoutDate that closing's payout date (null while undecided or not carried)
   */
  public record Outcome(
      String payoutState,
      String failureReason,
      LocalDate carriedToFirst,
      LocalDate carriedToLast,
      LocalDate carriedToPayoutDate) {
    public static final Outcome DUE = new Outcome("DUE", null, null, null, null);

    /** The transfer failed: its amount was not paid and goes (or went) into a later closing. */
    public boolean failed() {
      return "FAILED".equals(payoutState) || "CARRIED_OVER".equals(payoutState);
    }

    public boolean carried() {
      return carriedToFirst != null;
    }
  }

  /** A statement whose transfer has no bank result yet. */
  public Statement(
      String cityName,
      String currencyName,
      String statementNumber,
      LocalDate issuedOn,
      String businessCode,
      String businessName,
      String shopCode,
      String shopName,
      LocalDate periodFirst,
      LocalDate periodLast,
      LocalDate closeDate,
      LocalDate payoutDate,
      String bankAccount,
      List<Line> lines,
      long carriedOverYen) {
    this(
        cityName,
        currencyName,
        statementNumber,
        issuedOn,
        businessCode,
        businessName,
        shopCode,
        shopName,
        periodFirst,
        periodLast,
        closeDate,
        payoutDate,
        bankAccount,
        lines,
        carriedOverYen,
        Outcome.DUE);
  }

  /** One service's figures in the period: uses (利用) and use-cancels (利用取消). */
  public record Line(
      String serviceName, long useCount, long useYen, long cancelCount, long cancelYen) {
    /** what the shop is due for this service, payments less their cancellations. */
    public long netYen() {
      return useYen - cancelYen;
    }
  }

  public Statement {
    Objects.requireNonNull(periodFirst);
    Objects.requireNonNull(periodLast);
    Objects.requireNonNull(closeDate);
    lines = List.copyOf(lines);
    outcome = outcome == null ? Outcome.DUE : outcome;
  }

  public long useCount() {
    return lines.stream().mapToLong(Line::useCount).sum();
  }

  public long useYen() {
    return lines.stream().mapToLong(Line::useYen).sum();
  }

  public long cancelCount() {
    return lines.stream().mapToLong(Line::cancelCount).sum();
  }

  public long cancelYen() {
    return lines.stream().mapToLong(Line::cancelYen).sum();
  }

  /** This period's sales: the net of every line, without what was carried in. */
  public long salesYen() {
    return lines.stream().mapToLong(Line::netYen).sum();
  }

  /**
   * What this closing's transfer was for: this period's sales plus what an earlier failure carried
   * over (前回繰越, R-55).
   */
  public long payableYen() {
    return salesYen() + carriedOverYen;
  }

  /**
   * What this closing pays the shop: the payable amount, or nothing if the bank could not transfer
   * it (the amount is then paid by the closing it is carried into, and counted there, R-55).
   */
  public long transferYen() {
    return outcome.failed() ? 0 : payableYen();
  }

  /** What the bank could not transfer, 0 unless the transfer failed. */
  public long failedYen() {
    return outcome.failed() ? payableYen() : 0;
  }
}
