package org.jimoto.settlement.control;

import org.jimoto.merchant.entity.BankAccount;

/**
 * The city as the requester (振込依頼人) of a Zengin 総合振込 file: its requester code (委託者コード, 10
 * digits, given by its bank), the transfer name shown on every shop's passbook (振込依頼人名, e.g.
 * ISECA's "他)ジムカンカ", written in Zengin kana as ﾀ)ｼﾞﾑｶﾝｶ), and the account the money leaves from.
 * Configured ({@code jimoto.payout.*}), checked by the writer.
 */
public record ZenginRequester(
    String code,
    String transferName,
    String bankCode,
    String branchCode,
    BankAccount.Type accountType,
    String accountNumber) {}
