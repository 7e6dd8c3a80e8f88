package org.jimoto.settlement.control;

import static org.jimoto.settlement.control.ZenginTransferFile.RECORD_BYTES;

import org.jimoto.settlement.control.InvalidPayoutFile.Problem;
import org.jimoto.settlement.control.ZenginTransferFile.RecordSeparator;

/**
 * The check a Zengin 総合振込 file passes before anyone may download it: every record 120 bytes
 * and followed by the separator, the records in the order header, data..., trailer, end; numeric
 * fields all digits; every byte a Zengin character (digits, A–Z, half-width kana, space and {@code
 * ( ) - . / , ｢ ｣}); the trailer's count and total equal the data records' and what the caller
 * meant to pay.
 */
public final class ZenginFileCheck {

  private ZenginFileCheck() {}

  /** Numeric fields of each record type, as {start, length} (0-based byte offsets). */
  private static final int[][] HEADER_DIGITS = {
    {1, 2}, {3, 1}, {4, 10}, {54, 4}, {58, 4}, {77, 3}, {95, 1}, {96, 7}
  };

  private static final int[][] DATA_DIGITS = {
    {1, 4}, {20, 3}, {38, 4}, {42, 1}, {43, 7}, {80, 10}, {90, 1}, {91, 10}, {101, 10}, {111, 1}
  };
  private static final int[][] TRAILER_DIGITS = {{1, 6}, {7, 12}};

  public static void check(byte[] file, RecordSeparator separator, long lines, long totalYen) {
    int stride = RECORD_BYTES + separator.length();
    if (file.length % stride != 0 || file.length / stride < 4) {
      throw new InvalidPayoutFile(
          Problem.RECORD_LENGTH, 0, file.length + " bytes is not whole records of " + stride);
    }
    int records = file.length / stride;
    long dataRecords = 0;
    long dataTotal = 0;
    for (int r = 0; r < records; r++) {
      int at = r * stride;
      for (int i = 0; i < separator.length(); i++) {
        if (file[at + RECORD_BYTES + i] != separator.text.charAt(i)) {
          throw new InvalidPayoutFile(
              Problem.RECORD_LENGTH, r + 1, "no record separator after 120 bytes");
        }
      }
      for (int i = 0; i < RECORD_BYTES; i++) {
        if (!zenginByte(file[at + i] & 0xFF)) {
          throw new InvalidPayoutFile(
              Problem.CHARACTER_NOT_ALLOWED,
              r + 1,
              String.format("byte %d is 0x%02X", i + 1, file[at + i] & 0xFF));
        }
      }
      char kind = (char) file[at];
      char expected = r == 0 ? '1' : r == records - 1 ? '9' : r == records - 2 ? '8' : '2';
      if (kind != expected) {
        throw new InvalidPayoutFile(
            Problem.RECORD_ORDER, r + 1, "record type " + kind + ", expected " + expected);
      }
      switch (kind) {
        case '1' -> digits(file, at, HEADER_DIGITS, r + 1);
        case '2' -> {
          digits(file, at, DATA_DIGITS, r + 1);
          dataRecords++;
          dataTotal += number(file, at + 80, 10);
        }
        case '8' -> {
          digits(file, at, TRAILER_DIGITS, r + 1);
          long count = number(file, at + 1, 6);
          long total = number(file, at + 7, 12);
          if (count != dataRecords || count != lines) {
            throw new InvalidPayoutFile(
                Problem.COUNT_MISMATCH,
                r + 1,
                "trailer " + count + ", data records " + dataRecords + ", lines " + lines);
          }
          if (total != dataTotal || total != totalYen) {
            throw new InvalidPayoutFile(
                Problem.TOTAL_MISMATCH,
                r + 1,
                "trailer " + total + ", data records " + dataTotal + ", lines " + totalYen);
          }
        }
        default -> {
          // the end record: only its type and spaces, checked by the character check
        }
      }
    }
  }

  private static void digits(byte[] file, int at, int[][] fields, int recordNo) {
    for (int[] f : fields) {
      for (int i = f[0]; i < f[0] + f[1]; i++) {
        if (file[at + i] < '0' || file[at + i] > '9') {
          throw new InvalidPayoutFile(Problem.NOT_DIGITS, recordNo, "byte " + (i + 1));
        }
      }
    }
  }

  private static long number(byte[] file, int at, int length) {
    long n = 0;
    for (int i = at; i < at + length; i++) {
      n = n * 10 + (file[i] - '0');
    }
    return n;
  }

  /** Zengin's character set, one byte each in Shift_JIS. */
  private static boolean zenginByte(int b) {
    return (b >= '0' && b <= '9')
        || (b >= 'A' && b <= 'Z')
        || b == ' '
        || b == '('
        || b == ')'
        || b == '-'
        || b == '.'
        || b == '/'
        || b == ','
        || b == 0xA2 // ｢
        || b == 0xA3 // ｣
        || b == 0xA6 // ｦ
        || (b >= 0xB1 && b <= 0xDF); // ｱ..ﾝ ﾞ ﾟ
  }
}
