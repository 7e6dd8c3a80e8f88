package org.jimoto.web.merchant.terminal;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Draws a store QR code as a PNG with ZXing: error correction level M (a printed stand survives
 * some dirt and glare) and the standard quiet zone of 4 modules, black on white for any camera.
 */
final class QrImages {

  static final int MIN_SIZE_PX = 128;
  static final int MAX_SIZE_PX = 1200;

  private QrImages() {}

  /**
   * @param sizePx the image's width and height, clamped to {@value #MIN_SIZE_PX}..{@value
   *     #MAX_SIZE_PX}
   */
  static byte[] png(String text, int sizePx) {
    int size = Math.max(MIN_SIZE_PX, Math.min(MAX_SIZE_PX, sizePx));
    try {
      BitMatrix matrix =
          new QRCodeWriter()
              .encode(
                  text,
                  BarcodeFormat.QR_CODE,
                  size,
                  size,
                  Map.of(
                      EncodeHintType.ERROR_CORRECTION,
                      ErrorCorrectionLevel.M,
                      EncodeHintType.MARGIN,
                      4,
                      EncodeHintType.CHARACTER_SET,
                      "UTF-8"));
      var out = new ByteArrayOutputStream(8_192);
      MatrixToImageWriter.writeToStream(matrix, "PNG", out);
      return out.toByteArray();
    } catch (WriterException e) {
      throw new IllegalArgumentException(
          "cannot encode a QR code of " + text.length() + " chars", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
