package org.jimoto.web.merchant.pos;

import static org.jimoto.web.merchant.pos.PosJson.JSON;

import jakarta.ejb.EJB;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.jimoto.ledger.boundary.LocalizedName;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.merchant.boundary.TerminalCredentials.AuthenticatedTerminal;
import org.jimoto.payment.boundary.PaymentOutcome;
import org.jimoto.payment.boundary.PaymentRequest;
import org.jimoto.payment.boundary.PaymentService;
import org.jimoto.payment.boundary.PaymentView;
import org.jimoto.platform.control.PlatformClock;

/**
 * Payments of the calling terminal's shop. One application-scoped CDI bean: per-request creation
 * and injection cost a twentieth of the server's CPU per payment; the request comes in as method
 * parameters instead. The API's contract for POS vendors is {@code META-INF/openapi.yaml} (served
 * at {@code /openapi}): a change of a path, status, header or body here goes there too.
 */
@jakarta.enterprise.context.ApplicationScoped
@Path("v1/payments")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentsResource {

  /** A payment request is a few hundred bytes; anything past this is refused unread (BodyLimit). */
  static final int MAX_BODY_BYTES = 16_384;

  /** A list covers at most a month: its figures are summed over the whole period (#8). */
  static final int MAX_PERIOD_DAYS = 31;

  private static final LocalizedName PERIOD_TOO_LONG = detail("period");

  static final int MAX_LEGS = 10;

  /**
   * The EJB's own reference, not a CDI proxy: Weld's proxy asks the container for the business
   * object on every call, which throws and catches an exception each time.
   */
  @EJB PaymentService payments;

  @POST
  @Consumes(MediaType.WILDCARD)
  public Response create(
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      @Context HttpServletRequest request,
      @Context UriInfo uri,
      String body) {
    AuthenticatedTerminal terminal = terminal(request);
    JsonObject json = parse(body);
    String payer = string(json, "payer");
    List<PaymentRequest.Leg> legs = legs(json);
    PaymentOutcome outcome =
        payments.pay(
            new PaymentRequest(
                terminal.terminalId(),
                idempotencyKey,
                payer,
                legs,
                actor(terminal),
                terminal.credentialSha256()));
    if (outcome instanceof PaymentOutcome.Refused refused) {
      return Problem.of(refused.refusal(), refused.args());
    }
    PaymentView view = ((PaymentOutcome.Done) outcome).payment();
    if (view.replayed()) {
      return Response.ok(json(view).build().toString())
          .header("Idempotent-Replayed", "true")
          .build();
    }
    return Response.created(uri.getAbsolutePathBuilder().path(view.paymentId()).build())
        .entity(json(view).build().toString())
        .build();
  }

  @GET
  @Path("{paymentId}")
  public Response get(
      @PathParam("paymentId") String paymentId, @Context HttpServletRequest request) {
    return payments
        .findForShop(terminal(request).shopId(), paymentId)
        .map(p -> Response.ok(json(p).build().toString()).build())
        .orElseGet(() -> Problem.of(Refusal.PAYMENT_NOT_FOUND));
  }

  @POST
  @Path("{paymentId}/cancel")
  public Response cancel(
      @PathParam("paymentId") String paymentId, @Context HttpServletRequest request) {
    AuthenticatedTerminal terminal = terminal(request);
    PaymentOutcome outcome = payments.cancel(terminal.shopId(), paymentId, actor(terminal));
    if (outcome instanceof PaymentOutcome.Refused refused) {
      return Problem.of(refused.refusal(), refused.args());
    }
    return Response.ok(json(((PaymentOutcome.Done) outcome).payment()).build().toString()).build();
  }

  @GET
  public Response list(
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("limit") Integer limit,
      @Context HttpServletRequest request) {
    LocalDate today = LocalDate.now(PlatformClock.ZONE);
    LocalDateTime start = time(from, today.atStartOfDay());
    LocalDateTime end = time(to, today.plusDays(1).atStartOfDay());
    if (!start.isBefore(end) || start.plusDays(MAX_PERIOD_DAYS).isBefore(end)) {
      throw Problem.exception(Refusal.MALFORMED_REQUEST, PERIOD_TOO_LONG);
    }
    int max = limit == null ? 100 : limit;
    if (max < 1 || max > PaymentService.MAX_PAGE) {
      throw Problem.exception(
          Refusal.MALFORMED_REQUEST, "limit must be 1.." + PaymentService.MAX_PAGE);
    }
    JsonArrayBuilder items = JSON.createArrayBuilder();
    PaymentService.ShopPayments found =
        payments.listForShop(terminal(request).shopId(), start, end, max);
    found.page().forEach(p -> items.add(json(p)));
    // The figures cover the whole period, not only the page; sales net out cancellations.
    return Response.ok(
            JSON.createObjectBuilder()
                .add("from", start.toString())
                .add("to", end.toString())
                .add("count", found.count())
                .add("cancelledCount", found.cancelledCount())
                .add("salesCount", found.salesCount())
                .add("total", found.salesYen())
                .add("payments", items)
                .build()
                .toString())
        .build();
  }

  // ------------------------------------------------------------------ translation only

  /** A refusal's detail in both languages, from {@code details*.properties}. */
  private static LocalizedName detail(String key) {
    // No fallback to the server's default locale: English is the base bundle.
    var control =
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_DEFAULT);
    String bundle = "org.jimoto.web.merchant.pos.details";
    return new LocalizedName(
        ResourceBundle.getBundle(bundle, Locale.JAPANESE, control).getString(key),
        ResourceBundle.getBundle(bundle, Locale.ENGLISH, control).getString(key));
  }

  private static AuthenticatedTerminal terminal(HttpServletRequest request) {
    return (AuthenticatedTerminal) request.getAttribute(TerminalAuthentication.TERMINAL);
  }

  private static String actor(AuthenticatedTerminal terminal) {
    return "terminal:" + terminal.terminalCode();
  }

  /** The body is at most {@link #MAX_BODY_BYTES} bytes: {@link BodyLimit} refused longer ones. */
  private static JsonObject parse(String body) {
    if (body == null || body.isBlank()) {
      throw Problem.exception(Refusal.MALFORMED_REQUEST, "empty body");
    }
    if (body.length() > MAX_BODY_BYTES) {
      throw Problem.exception(Refusal.BODY_TOO_LARGE, MAX_BODY_BYTES);
    }
    try (var reader = JSON.createReader(new StringReader(body))) {
      return reader.readObject();
    } catch (JsonException | IllegalStateException | ClassCastException e) {
      throw Problem.exception(Refusal.MALFORMED_REQUEST, "not a JSON object");
    }
  }

  private static String string(JsonObject json, String name) {
    JsonValue v = json.get(name);
    if (!(v instanceof JsonString s) || s.getString().isBlank()) {
      throw Problem.exception(Refusal.MALFORMED_REQUEST, "'" + name + "' must be a string");
    }
    return s.getString();
  }

  /** Either "legs": [{service, amount}...] or a single "service" and "amount". */
  private static List<PaymentRequest.Leg> legs(JsonObject json) {
    List<PaymentRequest.Leg> legs = new ArrayList<>();
    if (json.containsKey("legs")) {
      if (!(json.get("legs") instanceof JsonArray array) || array.size() > MAX_LEGS) {
        throw Problem.exception(
            Refusal.MALFORMED_REQUEST, "'legs' must be an array of at most " + MAX_LEGS);
      }
      for (JsonValue leg : array) {
        if (!(leg instanceof JsonObject o)) {
          throw Problem.exception(Refusal.MALFORMED_REQUEST, "each leg must be an object");
        }
        legs.add(new PaymentRequest.Leg(string(o, "service"), amount(o)));
      }
    } else {
      legs.add(new PaymentRequest.Leg(string(json, "service"), amount(json)));
    }
    return legs;
  }

  private static long amount(JsonObject json) {
    JsonValue v = json.get("amount");
    if (!(v instanceof JsonNumber n) || !n.isIntegral()) {
      throw Problem.exception(Refusal.AMOUNT_NOT_A_WHOLE_NUMBER);
    }
    BigDecimal value = n.bigDecimalValue();
    // Beyond a long it is certainly over any payment limit; the ledger says so with the limit.
    if (value.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      return Long.MAX_VALUE;
    }
    if (value.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) {
      return Long.MIN_VALUE;
    }
    return value.longValueExact();
  }

  private static LocalDateTime time(String text, LocalDateTime fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return LocalDateTime.parse(text);
    } catch (DateTimeParseException e) {
      throw Problem.exception(
          Refusal.MALFORMED_REQUEST, "times are local ISO date-times like 2026-11-22T09:30");
    }
  }

  private static JsonObjectBuilder json(PaymentView p) {
    JsonArrayBuilder legs = JSON.createArrayBuilder();
    for (PaymentView.Leg leg : p.legs()) {
      var l =
          JSON.createObjectBuilder()
              .add("tranId", leg.tranId())
              .add("service", leg.serviceCode())
              .add("amount", leg.amountYen());
      if (leg.balanceAfterYen() != null) {
        l.add("balanceAfter", leg.balanceAfterYen());
      }
      legs.add(l);
    }
    var o =
        JSON.createObjectBuilder()
            .add("paymentId", p.paymentId())
            .add("status", p.status())
            .add("amount", p.amountYen())
            .add("shop", p.shopCode())
            .add("terminal", p.terminalCode())
            .add("createdAt", p.createdAt().toString());
    if (p.cancelledAt() != null) {
      o.add("cancelledAt", p.cancelledAt().toString());
    }
    return o.add("legs", legs);
  }
}
