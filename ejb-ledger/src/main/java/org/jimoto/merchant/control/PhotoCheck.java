package org.jimoto.merchant.control;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Checks a shop photo by its content, never by its file name or the browser's content type: the
 * first bytes must be a JPEG's or a PNG's signature, and the image must then decode as that type,
 * within a size in bytes and in pixels (a small file can claim a huge picture: its dimensions are
 * read before its pixels). The photo is then drawn anew and re-encoded, at most {@link
 * #STORED_MAX_SIDE_PX} on its longer side: what is stored and served is the ledger's own encoding,
 * without the uploaded file's metadata (a phone's photo carries where it was taken) or anything
 * hidden after the picture.
 */
public final class PhotoCheck {

  /**
   * Well under the 1 MB body limit of every portal request (web-common's SecurityFilter), so that
   * the form around the photo fits too and a too-large photo gets this check's message.
   */
  public static final int MAX_BYTES = 512 * 1024;

  public static final int MAX_SIDE_PX = 6000;
  public static final int MIN_SIDE_PX = 64;
  public static final int STORED_MAX_SIDE_PX = 1600;

  private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

  private PhotoCheck() {}

  public enum Problem {
    EMPTY,
    TOO_LARGE,
    NOT_JPEG_OR_PNG,
    UNREADABLE,
    TOO_MANY_PIXELS,
    TOO_SMALL
  }

  public sealed interface Result {
    record Accepted(String contentType, byte[] content, int widthPx, int heightPx)
        implements Result {}

    record Refused(Problem problem) implements Result {}
  }

  /** The type the first bytes say, or null. */
  static String sniff(byte[] data) {
    if (startsWith(data, PNG)) {
      return "image/png";
    }
    if (startsWith(data, JPEG)) {
      return "image/jpeg";
    }
    return null;
  }

  private static boolean startsWith(byte[] data, byte[] signature) {
    return data.length >= signature.length
        && Arrays.equals(data, 0, signature.length, signature, 0, signature.length);
  }

  public static Result check(byte[] upload) {
    if (upload == null || upload.length == 0) {
      return new Result.Refused(Problem.EMPTY);
    }
    if (upload.length > MAX_BYTES) {
      return new Result.Refused(Problem.TOO_LARGE);
    }
    String type = sniff(upload);
    if (type == null) {
      return new Result.Refused(Problem.NOT_JPEG_OR_PNG);
    }
    BufferedImage image;
    try {
      image = decode(upload, type.equals("image/png") ? "png" : "jpeg");
    } catch (TooManyPixels e) {
      return new Result.Refused(Problem.TOO_MANY_PIXELS);
    } catch (IOException | RuntimeException e) {
      return new Result.Refused(Problem.UNREADABLE);
    }
    if (image == null) {
      return new Result.Refused(Problem.UNREADABLE);
    }
    if (image.getWidth() < MIN_SIDE_PX || image.getHeight() < MIN_SIDE_PX) {
      return new Result.Refused(Problem.TOO_SMALL);
    }
    BufferedImage stored = redraw(image, type.equals("image/png"));
    byte[] encoded;
    try {
      encoded = encode(stored, type);
    } catch (IOException e) {
      return new Result.Refused(Problem.UNREADABLE);
    }
    if (encoded.length > MAX_BYTES) {
      return new Result.Refused(Problem.TOO_LARGE);
    }
    return new Result.Accepted(type, encoded, stored.getWidth(), stored.getHeight());
  }

  private static final class TooManyPixels extends Exception {
    private static final long serialVersionUID = 1L;
  }

  /** Decodes with the reader of the sniffed type only, after checking the dimensions. */
  private static BufferedImage decode(byte[] data, String format)
      throws IOException, TooManyPixels {
    Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
    if (!readers.hasNext()) {
      throw new IOException("no " + format + " reader");
    }
    ImageReader reader = readers.next();
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(data))) {
      reader.setInput(in, true, true);
      int w = reader.getWidth(0);
      int h = reader.getHeight(0);
      if (w > MAX_SIDE_PX || h > MAX_SIDE_PX) {
        throw new TooManyPixels();
      }
      return reader.read(0);
    } finally {
      reader.dispose();
    }
  }

  private static BufferedImage redraw(BufferedImage image, boolean alpha) {
    int w = image.getWidth();
    int h = image.getHeight();
    double scale = Math.min(1.0, (double) STORED_MAX_SIDE_PX / Math.max(w, h));
    int sw = Math.max(1, (int) Math.round(w * scale));
    int sh = Math.max(1, (int) Math.round(h * scale));
    BufferedImage out =
        new BufferedImage(sw, sh, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(image, 0, 0, sw, sh, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  private static byte[] encode(BufferedImage image, String type) throws IOException {
    var bytes = new ByteArrayOutputStream();
    if (type.equals("image/png")) {
      if (!ImageIO.write(image, "png", bytes)) {
        throw new IOException("no png writer");
      }
      return bytes.toByteArray();
    }
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.85f);
      writer.write(null, new IIOImage(image, null, null), param);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }
}
