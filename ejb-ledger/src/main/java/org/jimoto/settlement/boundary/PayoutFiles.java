package org.jimoto.settlement.boundary;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jimoto.merchant.entity.BankAccount;
import org.jimoto.settlement.control.InvalidPayoutFile;
import org.jimoto.settlement.control.PayoutLine;
import org.jimoto.settlement.control.ZenginRequester;
import org.jimoto.settlement.control.ZenginTransferFile;
import org.jimoto.settlement.control.ZenginTransferFile.RecordSeparator;

/**
 * The payout file for the city's bank: one Zengin 総合振込 file per transfer date, for the
 * requester configured in {@code jimoto.payout.*}. The closing job (#12 item 2) gives it the lines
 * due; the file is checked before it is returned ({@link InvalidPayoutFile} says what is wrong).
 */
@Stateless
public class PayoutFiles {

  @Inject
  @ConfigProperty(name = "jimoto.payout.requester-code")
  String requesterCode;

  @Inject
  @ConfigProperty(name = "jimoto.payout.transfer-name")
  String transferName;

  @Inject
  @ConfigProperty(name = "jimoto.payout.bank-code")
  String bankCode;

  @Inject
  @ConfigProperty(name = "jimoto.payout.branch-code")
  String branchCode;

  /** 1 普通, 2 当座, 4 貯蓄 (Zengin's 預金種目). */
  @Inject
  @ConfigProperty(name = "jimoto.payout.account-type", defaultValue = "1")
  int accountType;

  @Inject
  @ConfigProperty(name = "jimoto.payout.account-number")
  String accountNumber;

  @Inject
  @ConfigProperty(name = "jimoto.payout.record-separator", defaultValue = "CRLF")
  RecordSeparator separator;

  public ZenginRequester requester() {
    return new ZenginRequester(
        requesterCode,
        transferName,
        bankCode,
        branchCode,
        BankAccount.Type.ofCode(accountType),
        accountNumber);
  }

  /** The checked file, Shift_JIS bytes. */
  public byte[] zenginFile(LocalDate transferDate, List<PayoutLine> lines) {
    return ZenginTransferFile.write(requester(), transferDate, List.copyOf(lines), separator);
  }
}
