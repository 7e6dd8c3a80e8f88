package org.jimoto.web.merchant.pos;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.jimoto.ledger.boundary.Refusal;

/**
 * A request body over {@link PaymentsResource#MAX_BODY_BYTES} is refused before it is read whole
 * (#8 finding 7), before authentication too. A declared Content-Length is one comparison, so a
 * payment request (which has one) costs nothing more and is still read as a String. A body without
 * a length (chunked, or HTTP/2): at most one byte past the limit is read here, and what was read is
 * handed on.
 */
@Provider
@Priority(Priorities.AUTHENTICATION - 100)
public class BodyLimit implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) throws IOException {
    // The length Payara parsed, not the header: -1 for a chunked HTTP/1.1 body and for an HTTP/2
    // body without a length (HTTP/2 has no Transfer-Encoding). A repeated header does not throw.
    // Jersey's getLength() is an int: a Content-Length beyond 2^31 reads as -1 there, so the
    // header is taken as a long first (#8 finding 7: 413, not a 500).
    long declared = declaredLength(request);
    if (declared >= 0) {
      if (declared > PaymentsResource.MAX_BODY_BYTES) {
        request.abortWith(tooLarge());
      }
      return;
    }
    if (!request.hasEntity()) {
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

  private static long declaredLength(ContainerRequestContext request) {
    String header = request.getHeaderString("Content-Length");
    if (header != null) {
      try {
        return Long.parseLong(header.trim());
      } catch (NumberFormatException repeatedOrMalformed) {
        // Payara refuses a malformed length before this; a repeated one is read by Jersey below
      }
    }
    return request.getLength();
  }
}
