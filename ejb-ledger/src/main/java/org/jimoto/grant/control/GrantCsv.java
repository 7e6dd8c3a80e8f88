package org.jimoto.grant.control;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.jimoto.ledger.boundary.Refusal;

/**
 * Reads a bulk-grant CSV file (一括付与, R-12, R-83) into rows, each with the first error found in it
 * by itself (what needs no database). Pure: no database, no clock.
 *
 * <p>The file: UTF-8 with or without a BOM, or Shift_JIS (Windows-31J, what Excel saves in Japan,
 * R-74); a header row naming the columns in any order, in English or Japanese: {@code
 * member_code}/会員番号 (a card's 8-digit member code, or an app member's e-mail address), {@code
 * service}/サービス (the service code), {@code amount}/金額 (whole yen, "1,000" allowed), {@code
 * expires_on}/有効期限 (yyyy-MM-dd or yyyy/MM/dd, R-12), optional {@code reason}/理由 (else the upload's
 * reason) and optional {@code grant_id}/付与ID.
 *
 * <p><b>Idempotency key of a row</b> (see {@code grant_request}): {@code id:<grant_id>} when the
 * row has a grant id, so that re-exporting the list (other encoding, other rows added) still never
 * grants that row twice; otherwise {@code row:<SHA-256 of the row's own content>:<n>}, the content
 * being the normalised member, service, amount, expiry and the row's reason cell, and n the row's
 * occurrence among identical rows of the file (1, 2, ...). A row's key therefore depends on the row
 * only, never on the other rows or its position: a corrected, reordered or extended file keeps the
 * keys of its unchanged rows and never pays them twice (R-12, R-83). The upload's default reason is
 * not part of the key. Cells are decoded and trimmed first, so the same list saved as UTF-8 or
 * Shift_JIS, with or without a BOM, with CRLF or LF, has the same keys.
 *
 * <p><b>Content hash of a row</b> ({@link Row#contentHash()}): SHA-256 of the normalised member,
 * service, amount and expiry, stored with the key so that a grant id reused for another grant is a
 * conflict, not a silent skip.
 */
public final class GrantCsv {

  /** The largest file accepted, in bytes. */
  public static final int MAX_BYTES = 1_000_000;

  /** The most rows in one file: one transaction grants them all, or none. */
  public static final int MAX_ROWS = 2_000;

  public static final int MAX_GRANT_ID_LENGTH = 100;

  private static final Charset SHIFT_JIS = Charset.forName("windows-31j");

  /** A column of the file and the header names that mean it. */
  enum Column {
    MEMBER("member_code", "会員番号"),
    SERVICE("service", "サービス"),
    AMOUNT("amount", "金額"),
    EXPIRES("expires_on", "有効期限"),
    REASON("reason", "理由"),
    GRANT_ID("grant_id", "付与ID");

    final String en;
    final String ja;

    Column(String en, String ja) {
      this.en = en;
      this.ja = ja;
    }

    boolean required() {
      return this != REASON && this != GRANT_ID;
    }
  }

  /**
   * One data row as read. {@code error} is null when nothing is wrong with the row by itself;
   * {@code amountYen} and {@code expiresOn} are set only when they could be read.
   */
  public record Row(
      int number,
      String member,
      String serviceCode,
      String amountText,
      Long amountYen,
      LocalDate expiresOn,
      String reason,
      String grantId,
      String idempotencyKey,
      String contentHash,
      Refusal error,
      Object[] errorArgs) {

    Row withError(Refusal refusal, Object... args) {
      return new Row(
          number,
          member,
          serviceCode,
          amountText,
          amountYen,
          expiresOn,
          reason,
          grantId,
          idempotencyKey,
          contentHash,
          refusal,
          args);
    }
  }

  /** The file read: an error for the whole file (rows then empty), or its rows. */
  public record Parsed(String contentHash, List<Row> rows, Refusal fileError, Object[] fileArgs) {}

  private GrantCsv() {}

  public static Parsed parse(byte[] file) {
    if (file == null || file.length == 0) {
      return fileError(Refusal.GRANT_FILE_EMPTY);
    }
    if (file.length > MAX_BYTES) {
      return fileError(Refusal.GRANT_FILE_TOO_LARGE, MAX_BYTES);
    }
    String text = decode(file);
    List<CSVRecord> records;
    try (CSVParser parser =
        CSVFormat.DEFAULT
            .builder()
            .setIgnoreEmptyLines(true)
            .build()
            .parse(new StringReader(text))) {
      records = parser.getRecords();
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      return fileError(Refusal.GRANT_FILE_UNREADABLE);
    }
    if (records.isEmpty()) {
      return fileError(Refusal.GRANT_FILE_EMPTY);
    }
    Map<Column, Integer> columns = new HashMap<>();
    CSVRecord header = records.get(0);
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i).strip().toLowerCase(Locale.ROOT);
      for (Column c : Column.values()) {
        if (name.equals(c.en) || name.equals(c.ja.toLowerCase(Locale.ROOT))) {
          columns.put(c, i);
        }
      }
    }
    for (Column c : Column.values()) {
      if (c.required() && !columns.containsKey(c)) {
        return fileError(Refusal.GRANT_FILE_HEADER, c.en + " / " + c.ja);
      }
    }
    if (records.size() - 1 > MAX_ROWS) {
      return fileError(Refusal.GRANT_FILE_TOO_MANY_ROWS, MAX_ROWS);
    }
    if (records.size() == 1) {
      return fileError(Refusal.GRANT_FILE_EMPTY);
    }
    String hash = hash(records);
    List<Row> rows = new ArrayList<>();
    Map<String, Integer> seenIds = new HashMap<>();
    Map<String, Integer> seenContents = new HashMap<>();
    for (int r = 1; r < records.size(); r++) {
      CSVRecord rec = records.get(r);
      int number = r; // data row number, 1 = first row under the header
      String member = cell(rec, columns.get(Column.MEMBER));
      String service = cell(rec, columns.get(Column.SERVICE));
      String amountText = cell(rec, columns.get(Column.AMOUNT));
      String expiresText = cell(rec, columns.get(Column.EXPIRES));
      String reason = cell(rec, columns.get(Column.REASON));
      String grantId = cell(rec, columns.get(Column.GRANT_ID));
      Long amount = amount(amountText);
      LocalDate expires = date(expiresText);
      String content = contentHash(member, service, amountText, amount, expiresText, expires);
      String key;
      if (grantId.isEmpty()) {
        String rowContent = sha256(content + "\u001f" + reason);
        int occurrence = seenContents.merge(rowContent, 1, Integer::sum);
        key = "row:" + rowContent + ":" + occurrence;
      } else {
        key = "id:" + grantId;
      }
      Row row =
          new Row(
              number,
              member,
              service,
              amountText,
              amount,
              expires,
              reason,
              grantId,
              key,
              content,
              null,
              new Object[0]);
      if (member.isEmpty()) {
        row = row.withError(Refusal.UNKNOWN_RESIDENT);
      } else if (service.isEmpty()) {
        row = row.withError(Refusal.UNKNOWN_SERVICE, "");
      } else if (amount == null) {
        row = row.withError(Refusal.AMOUNT_NOT_A_WHOLE_NUMBER);
      } else if (amount <= 0) {
        row = row.withError(Refusal.AMOUNT_NOT_POSITIVE);
      } else if (expires == null) {
        row = row.withError(Refusal.GRANT_DATE_INVALID, expiresText);
      } else if (grantId.length() > MAX_GRANT_ID_LENGTH) {
        row = row.withError(Refusal.GRANT_ID_TOO_LONG, MAX_GRANT_ID_LENGTH);
      } else if (!grantId.isEmpty() && seenIds.containsKey(grantId)) {
        row = row.withError(Refusal.GRANT_ID_REPEATED, grantId, seenIds.get(grantId));
      }
      if (!grantId.isEmpty()) {
        seenIds.putIfAbsent(grantId, number);
      }
      rows.add(row);
    }
    return new Parsed(hash, List.copyOf(rows), null, new Object[0]);
  }

  /** UTF-8 (its BOM dropped) when the bytes are valid UTF-8, else Shift_JIS. */
  public static String decode(byte[] file) {
    int start = 0;
    if (file.length >= 3
        && (file[0] & 0xff) == 0xef
        && (file[1] & 0xff) == 0xbb
        && (file[2] & 0xff) == 0xbf) {
      start = 3;
    }
    ByteBuffer bytes = ByteBuffer.wrap(file, start, file.length - start);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      return new String(file, start, file.length - start, SHIFT_JIS);
    }
  }

  /** An amount typed in a form, read as a CSV cell is; null when it is not a whole number. */
  public static Long amountOf(String text) {
    return amount(text == null ? "" : text);
  }

  /** Whole yen; digits with optional thousands commas, full-width digits as typed in Japan. */
  static Long amount(String text) {
    String s = normalizeDigits(text).replace(",", "");
    String digits = s.startsWith("-") ? s.substring(1) : s;
    if (digits.isEmpty()
        || digits.length() > 15
        || !digits.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
      return null;
    }
    return Long.parseLong(s); // a negative one is refused as not positive, with that message
  }

  static LocalDate date(String text) {
    String s = normalizeDigits(text).replace('/', '-');
    String[] parts = s.split("-");
    if (parts.length != 3) {
      return null;
    }
    try {
      return LocalDate.of(
          Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
    } catch (NumberFormatException | java.time.DateTimeException e) {
      return null;
    }
  }

  private static String normalizeDigits(String text) {
    var sb = new StringBuilder();
    for (char ch : text.strip().toCharArray()) {
      if (ch >= '０' && ch <= '９') {
        sb.append((char) ('0' + (ch - '０')));
      } else if (ch == '，') {
        sb.append(',');
      } else if (ch == '／') {
        sb.append('/');
      } else if (ch == '－' || ch == '−') {
        sb.append('-');
      } else {
        sb.append(ch);
      }
    }
    return sb.toString();
  }

  private static String cell(CSVRecord rec, Integer index) {
    if (index == null || index >= rec.size()) {
      return "";
    }
    return rec.get(index).strip();
  }

  /**
   * SHA-256 of what a grant is (member, service, amount, expiry), normalised as the ledger reads
   * it: an e-mail in lower case, full-width digits, "1,500" = 1500, 2027/01/31 = 2027-01-31.
   */
  public static String contentHash(
      String member,
      String service,
      String amountText,
      Long amount,
      String expiresText,
      LocalDate expires) {
    String m = normalizeDigits(member);
    if (m.contains("@")) {
      m = m.toLowerCase(Locale.ROOT);
    }
    return sha256(
        m
            + "\u001f"
            + service.strip()
            + "\u001f"
            + (amount != null ? amount.toString() : normalizeDigits(amountText))
            + "\u001f"
            + (expires != null ? expires.toString() : normalizeDigits(expiresText)));
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** SHA-256 over the trimmed cells, with separators that cannot occur in a cell by accident. */
  private static String hash(List<CSVRecord> records) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (CSVRecord rec : records) {
        for (String cell : rec) {
          sha.update(cell.strip().getBytes(StandardCharsets.UTF_8));
          sha.update((byte) 0x1f);
        }
        sha.update((byte) 0x1e);
      }
      return HexFormat.of().formatHex(sha.digest()).substring(0, 64);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Parsed fileError(Refusal refusal, Object... args) {
    return new Parsed(null, List.of(), refusal, args);
  }
}
