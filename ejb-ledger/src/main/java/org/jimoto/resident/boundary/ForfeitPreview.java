package org.jimoto.resident.boundary;

/** A balance that would be forfeited on closing the account, per service. */
public record ForfeitPreview(String serviceCode, String nameJa, String nameEn, long amountYen)
    implements java.io.Serializable {}
