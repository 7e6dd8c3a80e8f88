package org.jimoto.web.merchant.pos;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.jimoto.ledger.boundary.Refusal;

/**
 * A request body over {@link PaymentsResource#MAX_BODY_BYTES} is refused before it is read whole
 * (#8 finding 7), before authentication too. A declared Content-Length is one comparison, so a
 * payment request (which has one) costs nothing more and is still read as a String. A chunked body
 * has no length: at most one byte past the limit is read here, and what was read is handed on.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class BodyLimit implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
    if (declared != null) {
      if (declared.length() > 9 || Integer.parseInt(declared) > PaymentsResource.MAX_BODY_BYTES) {
        request.abortWith(tooLarge()); // Payara has already refused a malformed length
      }
      return;
    }
    if (request.getHeaderString("Transfer-Encoding") == null) {
      return; // no body at all
    }
    InputStream in = request.getEntityStream();
    byte[] body = in.readNBytes(PaymentsResource.MAX_BODY_BYTES + 1);
    if (body.length > PaymentsResource.MAX_BODY_BYTES) {
      request.abortWith(tooLarge());
      return;
    }
    request.setEntityStream(new ByteArrayInputStream(body));
  }

  /** The rest of the body stays unread: the connection is closed after the answer. */
  private static Response tooLarge() {
    Response problem = Problem.of(Refusal.BODY_TOO_LARGE, PaymentsResource.MAX_BODY_BYTES);
    return Response.fromResponse(problem).header("Connection", "close").build();
  }
}
