package org.jimoto.web.merchant.shop;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;
import org.jimoto.merchant.boundary.ShopProfiles;
import org.jimoto.merchant.boundary.ShopProfiles.Photo;

/**
 * Serves a shop photo to a login that reaches its shop (R-93; the ledger decides): another
 * business's photo id, an unknown one or a malformed one are all 404. Under /app/, so only a
 * merchant login gets here (web.xml). What is served is the ledger's own re-encoding, with its type
 * from the content check, never from the upload.
 */
@WebServlet("/app/shop-photo")
public class ShopPhotoServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Inject ShopProfiles profiles;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Principal caller = request.getUserPrincipal();
    if (caller == null) {
      response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
      return;
    }
    long id;
    try {
      id = Long.parseLong(String.valueOf(request.getParameter("id")));
    } catch (NumberFormatException e) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    Optional<Photo> photo = profiles.photo(caller.getName(), id);
    if (photo.isEmpty()) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    String etag = "\"" + photo.get().sha256() + "\"";
    response.setHeader("Cache-Control", "private, max-age=300");
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
