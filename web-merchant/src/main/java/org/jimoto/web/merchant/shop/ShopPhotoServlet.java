package org.jimoto.web.merchant.shop;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Optional;
import java.util.OptionalLong;
import org.jimoto.merchant.boundary.ShopProfiles;
import org.jimoto.web.photo.PhotoResponse;

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
    OptionalLong id = PhotoResponse.id(request);
    PhotoResponse.send(
        request,
        response,
        id.isPresent() ? profiles.photo(caller.getName(), id.getAsLong()) : Optional.empty(),
        "private, max-age=300");
  }
}
