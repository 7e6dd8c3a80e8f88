package org.jimoto.web.merchant.pos;

import static org.jimoto.web.merchant.pos.PosJson.JSON;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.jimoto.ledger.boundary.Refusal;

/** An RFC 9457 problem response for a refusal: stable code, status, messages ja/en. */
final class Problem {

  static final String MEDIA_TYPE = "application/problem+json";

  private Problem() {}

  static Response of(Refusal refusal, Object... args) {
    String en = refusal.message(Locale.ENGLISH, args);
    var body =
        JSON.createObjectBuilder()
            .add("type", "urn:jimoto:problem:" + refusal.name())
            .add("title", en)
            .add("status", refusal.httpStatus())
            .add("code", refusal.name())
            .add("detail", en)
            .add("message_ja", refusal.message(Locale.JAPANESE, args))
            .add("message_en", en)
            .build();
    var response = Response.status(refusal.httpStatus()).type(MEDIA_TYPE).entity(body.toString());
    if (refusal == Refusal.UNKNOWN_TERMINAL) {
      response.header("WWW-Authenticate", "Basic realm=\"jimoto-pos\", charset=\"UTF-8\"");
    }
    return response.build();
  }

  static WebApplicationException exception(Refusal refusal, Object... args) {
    return new WebApplicationException(of(refusal, args));
  }
}
