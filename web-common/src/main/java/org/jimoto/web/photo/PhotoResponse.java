package org.jimoto.web.photo;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;
import org.jimoto.merchant.boundary.ShopProfiles.Photo;

/**
 * How a shop photo goes out, in every portal that shows one (the shop's own pages, the public
 * directory): the id as the request gives it, 404 for anything the ledger does not hand out, and
 * the ledger's own re-encoding with the type from its content check, never from the upload.
 */
public final class PhotoResponse {

  private PhotoResponse() {}

  /** The photo id of {@code ?id=}; empty when missing or malformed (answered like unknown). */
  public static OptionalLong id(HttpServletRequest request) {
    try {
      return OptionalLong.of(Long.parseLong(String.valueOf(request.getParameter("id"))));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * Sends the photo, or 404 without one; {@code cacheControl} is the portal's (public for the
   * directory, private behind a login).
   */
  public static void send(
      HttpServletRequest request,
      HttpServletResponse response,
      Optional<Photo> photo,
      String cacheControl)
      throws IOException {
    if (photo.isEmpty()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    String etag = "\"" + photo.get().sha256() + "\"";
    response.setHeader("Cache-Control", cacheControl);
    response.setHeader("ETag", etag);
    if (etag.equals(request.getHeader("If-None-Match"))) {
      response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      return;
    }
    byte[] content = photo.get().content();
    // No charset: web.xml's response-character-encoding would otherwise add one to an image.
    response.setCharacterEncoding((String) null);
    response.setContentType(photo.get().contentType());
    response.setContentLength(content.length);
    response.setHeader("Content-Disposition", "inline");
    response.getOutputStream().write(content);
  }
}
