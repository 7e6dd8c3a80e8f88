package org.jimoto.web.resident.shops;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;
import org.jimoto.merchant.boundary.ShopDirectory;
import org.jimoto.web.photo.PhotoResponse;

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
    OptionalLong id = PhotoResponse.id(request);
    // Public, but short: a shop the city withdraws stops being shown within minutes.
    PhotoResponse.send(
        request,
        response,
        id.isPresent() ? directory.photo(id.getAsLong()) : Optional.empty(),
        "public, max-age=300");
  }
}
