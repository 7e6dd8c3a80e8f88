package org.jimoto.web.resident.pay;

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
import java.util.Base64;
import java.util.Map;

/**
 * The resident's QR code as a PNG drawn by ZXing (#10 item 5), as a {@code data:} URL in the page
 * itself: the code is never in an address a browser history or a proxy log keeps.
 */
final class QrPng {

  static final int SIZE_PX = 320;

  private QrPng() {}

  static String dataUrl(String text) {
    try {
      BitMatrix matrix =
          new QRCodeWriter()
              .encode(
                  text,
                  BarcodeFormat.QR_CODE,
                  SIZE_PX,
                  SIZE_PX,
                  Map.of(
                      EncodeHintType.ERROR_CORRECTION,
                      ErrorCorrectionLevel.M,
                      EncodeHintType.MARGIN,
                      4));
      var out = new ByteArrayOutputStream(4_096);
      MatrixToImageWriter.writeToStream(matrix, "PNG", out);
      return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
    } catch (WriterException e) {
      throw new IllegalArgumentException("cannot draw a QR code", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
