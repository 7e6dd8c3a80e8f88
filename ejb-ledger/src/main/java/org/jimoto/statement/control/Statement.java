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
    long carriedOverYen) {

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

  /** What this closing pays: the net of every line, plus what an earlier failure carried over. */
  public long payableYen() {
    return lines.stream().mapToLong(Line::netYen).sum() + carriedOverYen;
  }
}
