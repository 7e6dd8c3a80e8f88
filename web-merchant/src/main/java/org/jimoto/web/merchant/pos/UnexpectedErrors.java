package org.jimoto.web.merchant.pos;

import static org.jimoto.web.merchant.pos.PosJson.JSON;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Problem responses for what the resource did not answer itself: JAX-RS errors keep their status
 * (404, 405, 415...), anything unexpected is a 500 that reveals no internals.
 */
@Provider
public class UnexpectedErrors implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnexpectedErrors.class.getName());

  @Override
  public Response toResponse(Throwable e) {
    if (e instanceof WebApplicationException w) {
      var type = w.getResponse().getMediaType();
      if (type != null && "problem+json".equals(type.getSubtype())) {
        return w.getResponse();
      }
      return problem(
          w.getResponse().getStatus(), "HTTP_" + w.getResponse().getStatus(), e.getMessage());
    }
    LOG.log(Level.SEVERE, "POS API request failed", e);
    return problem(500, "INTERNAL_ERROR", "Internal error; the request may not have been applied.");
  }

  private static Response problem(int status, String code, String title) {
    return Response.status(status)
        .type(Problem.MEDIA_TYPE)
        .entity(
            JSON.createObjectBuilder()
                .add("type", "urn:jimoto:problem:" + code)
                .add("title", title == null ? code : title)
                .add("status", status)
                .add("code", code)
                .build()
                .toString())
        .build();
  }
}
