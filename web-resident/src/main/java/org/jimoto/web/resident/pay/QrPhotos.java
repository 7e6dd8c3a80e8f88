package org.jimoto.web.resident.pay;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads the QR code in a photo a resident uploads (#10 item 4) with ZXing, on the server. The photo
 * is checked by its content, never its name or the browser's type: a JPEG's or PNG's signature, at
 * most {@link #MAX_BYTES}, and at most {@link #MAX_SIDE_PX} on a side, read from its header before
 * any pixel is decoded (a small file can claim a huge picture).
 */
final class QrPhotos {

  /**
   * Under the portals' 1 MB request limit (web-common's SecurityFilter), with room for the form.
   */
  static final int MAX_BYTES = 900 * 1024;

  static final int MAX_SIDE_PX = 6000;

  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  enum Problem {
    EMPTY,
    TOO_LARGE,
    NOT_JPEG_OR_PNG,
    NO_QR_CODE
  }

  /** The text of the photo's QR code, or why there is none. */
  record Read(String text, Problem problem) {}

  private QrPhotos() {}

  static Read read(byte[] photo) {
    if (photo == null || photo.length == 0) {
      return new Read(null, Problem.EMPTY);
    }
    if (photo.length > MAX_BYTES) {
      return new Read(null, Problem.TOO_LARGE);
    }
    if (!startsWith(photo, JPEG) && !startsWith(photo, PNG)) {
      return new Read(null, Problem.NOT_JPEG_OR_PNG);
    }
    BufferedImage image;
    try {
      image = decode(photo);
    } catch (IOException | RuntimeException e) {
      return new Read(null, Problem.NOT_JPEG_OR_PNG);
    }
    if (image == null) {
      return new Read(null, Problem.NOT_JPEG_OR_PNG);
    }
    try {
      var bitmap = new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image)));
      String text =
          new QRCodeReader()
              .decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))
              .getText();
      return new Read(text, null);
    } catch (NotFoundException | ChecksumException | FormatException e) {
      return new Read(null, Problem.NO_QR_CODE);
    }
  }

  /** The image, after its size in pixels was read from the header and found within bounds. */
  private static BufferedImage decode(byte[] photo) throws IOException {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(photo))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return null;
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        if (reader.getWidth(0) > MAX_SIDE_PX || reader.getHeight(0) > MAX_SIDE_PX) {
          return null;
        }
        return reader.read(0);
      } finally {
        reader.dispose();
      }
    }
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    return data.length >= prefix.length
        && Arrays.equals(Arrays.copyOf(data, prefix.length), prefix);
  }
}
