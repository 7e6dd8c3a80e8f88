package org.jimoto.statement.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.chrono.JapaneseChronology;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperExportManager;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;

/**
 * Renders a {@link Statement} as a PDF in Japanese with JasperReports, from the template
 * {@code statement.jrxml} beside this class; the IPAex Gothic font is embedded (font extension
 * {@code org/jimoto/statement/fonts}), so the file reads the same on any machine. Dates are written
 * in the Japanese era (令和6年5月9日), as the city's notices are. The template is compiled once per
 * class loader: compiling takes about a second, filling a statement a few milliseconds.
 */
public final class StatementPdf {

  /** 令和6年4月1日. */
  public static final DateTimeFormatter ERA_DATE =
      DateTimeFormatter.ofPattern("GGGGy年M月d日", Locale.JAPAN)
          .withChronology(JapaneseChronology.INSTANCE);

  private static final String TEMPLATE = "/org/jimoto/statement/statement.jrxml";

  private StatementPdf() {}

  private static final class Template {
    static final JasperReport REPORT = compile();

    private static JasperReport compile() {
      try (InputStream in = StatementPdf.class.getResourceAsStream(TEMPLATE)) {
        if (in == null) {
          throw new IllegalStateException(TEMPLATE + " is missing");
        }
        return JasperCompileManager.compileReport(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (JRException e) {
        throw new IllegalStateException("statement template " + TEMPLATE, e);
      }
    }
  }

  /** The statement as PDF bytes. */
  public static byte[] render(Statement s) {
    NumberFormat yen = NumberFormat.getIntegerInstance(Locale.JAPAN);
    Map<String, Object> p = new HashMap<>();
    p.put("CityName", s.cityName());
    p.put("CurrencyName", s.currencyName());
    p.put("StatementNumber", s.statementNumber());
    p.put("IssuedOn", era(s.issuedOn()));
    p.put("Business", s.businessName() + "(" + s.businessCode() + ")");
    p.put("Shop", s.shopName() + "(" + s.shopCode() + ")");
    p.put("Period", era(s.periodFirst()) + " 〜 " + era(s.periodLast()));
    p.put("CloseDate", era(s.closeDate()));
    p.put("PayoutDate", s.payoutDate() == null ? "未定" : era(s.payoutDate()));
    p.put("BankAccount", s.bankAccount() == null ? "未登録" : s.bankAccount());
    p.put("UseCount", yen.format(s.useCount()));
    p.put("UseYen", yen.format(s.useYen()));
    p.put("CancelCount", yen.format(s.cancelCount()));
    p.put("CancelYen", yen.format(s.cancelYen()));
    p.put("NetYen", yen.format(s.salesYen()));
    p.put("CarriedOverYen", yen.format(s.carriedOverYen()));
    // a failed transfer's statement shows nothing paid and says what happened.
    p.put("PayableYen", yen.format(s.transferYen()));
    p.put("ResultNote", resultNote(s, yen));
    List<Map<String, ?>> rows = new ArrayList<>();
    for (Statement.Line line : s.lines()) {
      Map<String, Object> row = new HashMap<>();
      row.put("service", line.serviceName());
      row.put("useCount", yen.format(line.useCount()));
      row.put("useYen", yen.format(line.useYen()));
      row.put("cancelCount", yen.format(line.cancelCount()));
      row.put("cancelYen", yen.format(line.cancelYen()));
      row.put("netYen", yen.format(line.netYen()));
      rows.add(row);
    }
    try {
      JasperPrint print =
          JasperFillManager.fillReport(Template.REPORT, p, new JRMapCollectionDataSource(rows));
      return JasperExportManager.exportReportToPdf(print);
    } catch (JRException e) {
      throw new IllegalStateException("statement " + s.statementNumber(), e);
    }
  }

  /** What became of the transfer, in Japanese: paid, failed (why, carried to which closing). */
  static String resultNote(Statement s, NumberFormat yen) {
    Statement.Outcome o = s.outcome();
    if ("PAID".equals(o.payoutState())) {
      return "振込済み: " + yen.format(s.payableYen()) + "円をお振込みしました。";
    }
    if (!o.failed()) {
      return "";
    }
    String failed =
        "振込不能: " + yen.format(s.failedYen()) + "円はお振込みできませんでした(理由: " + o.failureReason() + ")。";
    if (!o.carried()) {
      return failed + "この金額は次回の締めに繰り越します。";
    }
    return failed
        + "繰越先: "
        + era(o.carriedToFirst())
        + " 〜 "
        + era(o.carriedToLast())
        + "分の精算(お支払日 "
        + (o.carriedToPayoutDate() == null ? "未定" : era(o.carriedToPayoutDate()))
        + ")。";
  }

  static String era(LocalDate date) {
    return date == null ? "" : ERA_DATE.format(date);
  }
}
