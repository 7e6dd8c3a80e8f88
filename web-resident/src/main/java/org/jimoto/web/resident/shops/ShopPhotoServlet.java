package org.jimoto.web.resident.shops;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.jimoto.merchant.boundary.ShopDirectory;
import org.jimoto.merchant.boundary.ShopProfiles.Photo;

/**
 * A published shop's photo, for everybody. A photo of a shop that is not published (or no
 * longer), an unknown id and a malformed one are all 404, so unpublished shops' photos stay
 * private. What is served is the ledger's own re-encoding, with the type from its content check.
 */
@WebServlet("/shop-photo")
public class ShopPhotoServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject ShopDirectory directory;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    long id;
    try {
      id = Long.parseLong(String.valueOf(request.getParameter("id")));
    } catch (NumberFormatException e) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    Optional<Photo> photo = directory.photo(id);
    if (photo.isEmpty()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    String etag = "\"" + photo.get().sha256() + "\"";
    // Public, but short: a shop the city withdraws stops being shown within minutes.
    response.setHeader("Cache-Control", "public, max-age=300");
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
