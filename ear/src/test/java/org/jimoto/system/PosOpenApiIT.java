package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.core.util.Yaml;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jimoto.ledger.boundary.Refusal;
import org.jimoto.system.posclient.ApiClient;
import org.jimoto.system.posclient.ApiException;
import org.jimoto.system.posclient.ApiResponse;
import org.jimoto.system.posclient.api.PaymentsApi;
import org.jimoto.system.posclient.model.LegRequest;
import org.jimoto.system.posclient.model.Payment;
import org.jimoto.system.posclient.model.PaymentList;
import org.jimoto.system.posclient.model.PaymentRequest;
import org.jimoto.system.posclient.model.PaymentWithLegs;
import org.jimoto.system.posclient.model.PaymentWithOneLeg;
import org.jimoto.system.posclient.model.Problem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The POS API as a POS vendor meets it (#9 item 11): the OpenAPI document the server publishes at
 * {@code /openapi} is valid OpenAPI 3 (swagger-parser, no message), it is the static document of
 * the merchant WAR and nothing else, and a client generated from that document at build time
 * (OpenAPI Generator, {@code ear/pom.xml}) takes, replays, reads, lists and cancels a payment and
 * reads refusals into the document's problem model. Terminal T0001 and the demo card, as in
 * PosApiIT; every payment made here is cancelled again.
 */
class PosOpenApiIT {

  private static final String CARD = PosApiIT.CARD;

  /**
   * Codes the API answers that are not the ledger's refusals: {@code UnexpectedErrors} of the POS
   * API, and web-common's SecurityFilter for plain HTTP to an HTTPS-only server.
   */
  private static final Set<String> HTTP_CODES =
      Set.of("HTTP_404", "HTTP_405", "HTTP_406", "INTERNAL_ERROR", "HTTPS_REQUIRED");

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static String servedYaml;
  private static String terminalCode;
  private static String terminalSecret;

  @BeforeAll
  static void fetchTheDocumentAndTheTerminalsCredential() throws Exception {
    var r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(PortalClient.BASE_URL + "/openapi")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    servedYaml = r.body();
    String logins =
        Files.readString(Path.of(System.getProperty("jimoto.it.dataDir"), "demo-logins.txt"));
    Matcher m = Pattern.compile("(?m)^\\s*(T0001)\\s+\\S+\\s+([0-9a-f]{64})$").matcher(logins);
    assertTrue(m.find(), "credential of T0001 in demo-logins.txt");
    terminalCode = m.group(1);
    terminalSecret = m.group(2);
  }

  private static SwaggerParseResult parse(String yaml) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    return new OpenAPIV3Parser().readContents(yaml, null, options);
  }

  @Test
  void theServedDocumentIsValidOpenApi3() throws Exception {
    SwaggerParseResult result = parse(servedYaml);
    assertEquals(List.of(), result.getMessages(), "swagger-parser's messages on /openapi");
    OpenAPI api = result.getOpenAPI();
    assertNotNull(api);
    assertTrue(api.getOpenapi().startsWith("3.0."), api.getOpenapi());
    // Payara's own top-level 'endpoints' (not OpenAPI) is gone; nothing else was added.
    assertTrue(
        Set.of("openapi", "info", "servers", "security", "tags", "paths", "components")
            .containsAll(fieldNames(Yaml.mapper().readTree(servedYaml))),
        "top-level keys of /openapi");
  }

  /** What is served is the merchant WAR's static document, as Payara read and wrote it again. */
  @Test
  void theServedDocumentIsTheStaticOne() throws Exception {
    Path file =
        Path.of(
            System.getProperty("jimoto.it.root"),
            "web-merchant/src/main/resources/META-INF/openapi.yaml");
    SwaggerParseResult own = parse(Files.readString(file, StandardCharsets.UTF_8));
    assertEquals(List.of(), own.getMessages(), "swagger-parser's messages on " + file);
    JsonNode expected = Json.mapper().valueToTree(own.getOpenAPI());
    JsonNode served = Json.mapper().valueToTree(parse(servedYaml).getOpenAPI());
    List<String> differences = new ArrayList<>();
    differences("", expected, served, differences);
    assertEquals(List.of(), differences, "where /openapi differs from " + file);
  }

  /** Where two JSON trees differ, by JSON pointer, at most 20. */
  private static void differences(String at, JsonNode expected, JsonNode actual, List<String> out) {
    if (out.size() >= 20 || expected.equals(actual)) {
      return;
    }
    if (expected.isObject() && actual.isObject()) {
      Set<String> names = fieldNames(expected);
      names.addAll(fieldNames(actual));
      for (String name : names) {
        JsonNode e = expected.path(name);
        JsonNode a = actual.path(name);
        if (e.isMissingNode() || a.isMissingNode()) {
          out.add(at + "/" + name + (e.isMissingNode() ? " added" : " missing"));
        } else {
          differences(at + "/" + name, e, a, out);
        }
      }
    } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
      for (int i = 0; i < expected.size(); i++) {
        differences(at + "/" + i, expected.get(i), actual.get(i), out);
      }
    } else {
      out.add(at + ": " + abbreviate(expected) + " served as " + abbreviate(actual));
    }
  }

  private static String abbreviate(JsonNode node) {
    String text = node.toString();
    return text.length() <= 120 ? text : text.substring(0, 117) + "...";
  }

  /**
   * The real API: the server the document names is the merchant portal, and only the POS API's
   * paths are described, each with its operations.
   */
  @Test
  void theDocumentDescribesTheDeployedPosApi() {
    OpenAPI api = parse(servedYaml).getOpenAPI();
    assertEquals(
        URI.create(PortalClient.BASE_URL + "/merchant"), baseUri(api), "servers[0] resolved");
    assertEquals(
        Set.of(
            "/api/v1/payments",
            "/api/v1/payments/{paymentId}",
            "/api/v1/payments/{paymentId}/cancel"),
        api.getPaths().keySet());
    var create = api.getPaths().get("/api/v1/payments").getPost();
    var key =
        create.getParameters().stream()
            .filter(p -> "Idempotency-Key".equals(p.getName()))
            .findFirst()
            .orElseThrow();
    assertEquals("header", key.getIn());
    assertTrue(key.getRequired(), "Idempotency-Key is required (R-35)");
    assertNotNull(create.getRequestBody().getContent().get("application/json"));
    assertTrue(
        create.getResponses().get("422").getContent().containsKey("application/problem+json"));
    var scheme = api.getComponents().getSecuritySchemes().get("terminal");
    assertEquals("http", scheme.getType().toString());
    assertEquals("basic", scheme.getScheme());
    assertEquals("terminal", api.getSecurity().get(0).keySet().iterator().next());
  }

  /**
   * Every code of the problem schema is one the API answers: a refusal of the ledger or one of the
   * API's own; and every refusal PosApiIT sees is documented.
   */
  @Test
  void everyDocumentedProblemCodeExists() {
    OpenAPI api = parse(servedYaml).getOpenAPI();
    Schema<?> codes =
        (Schema<?>) api.getComponents().getSchemas().get("Problem").getProperties().get("code");
    List<String> documented = codes.getEnum().stream().map(String::valueOf).toList();
    Set<String> known =
        Arrays.stream(Refusal.values())
            .map(Enum::name)
            .collect(Collectors.toCollection(TreeSet::new));
    known.addAll(HTTP_CODES);
    for (String code : documented) {
      assertTrue(known.contains(code), code + " is no code of the API");
    }
    for (Problem.CodeEnum code : Problem.CodeEnum.values()) {
      assertTrue(documented.contains(code.getValue()), code + " generated but not served");
    }
    assertTrue(
        documented.containsAll(
            List.of(
                "IDEMPOTENCY_KEY_MISSING",
                "IDEMPOTENCY_KEY_INVALID",
                "IDEMPOTENCY_KEY_REUSED",
                "AMOUNT_NOT_POSITIVE",
                "AMOUNT_TOO_LARGE",
                "AMOUNT_NOT_A_WHOLE_NUMBER",
                "MALFORMED_REQUEST",
                "UNKNOWN_SERVICE",
                "CARD_REFUSED",
                "UNKNOWN_TERMINAL",
                "TERMINAL_SUSPENDED",
                "TERMINAL_INACTIVE",
                "PAYMENT_NOT_FOUND",
                "ALREADY_CANCELLED",
                "BODY_TOO_LARGE",
                "HTTP_404")),
        documented.toString());
  }

  private static URI baseUri(OpenAPI api) {
    return URI.create(PortalClient.BASE_URL + "/openapi").resolve(api.getServers().get(0).getUrl());
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static PaymentsApi client(String user, String secret) {
    ApiClient client = new ApiClient();
    client.updateBaseUri(baseUri(parse(servedYaml).getOpenAPI()).toString());
    String basic =
        Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    client.setRequestInterceptor(b -> b.header("Authorization", "Basic " + basic));
    return new PaymentsApi(client);
  }

  /** A problem answer read into the generated model, as the generated client reads answers. */
  private static Problem problem(ApiException e) throws Exception {
    assertTrue(
        e.getResponseHeaders()
            .firstValue("Content-Type")
            .orElse("")
            .startsWith("application/problem+json"),
        e.getResponseHeaders().toString());
    return ApiClient.createDefaultObjectMapper().readValue(e.getResponseBody(), Problem.class);
  }

  @Test
  void aGeneratedClientPaysReadsListsAndCancels_R35() throws Exception {
    PaymentsApi pos = client(terminalCode, terminalSecret);
    String key = "openapi-" + UUID.randomUUID();
    PaymentRequest request =
        new PaymentRequest(
            new PaymentWithLegs()
                .payer(CARD)
                .legs(List.of(new LegRequest().service("WAKABA_COIN").amount(120L))));

    ApiResponse<Payment> paid = pos.createPaymentWithHttpInfo(key, request);
    assertEquals(201, paid.getStatusCode());
    Payment payment = paid.getData();
    assertEquals(Payment.StatusEnum.COMPLETED, payment.getStatus());
    assertEquals(120L, payment.getAmount());
    assertEquals(terminalCode, payment.getTerminal());
    assertEquals("WAKABA_COIN", payment.getLegs().get(0).getService());
    assertNotNull(payment.getLegs().get(0).getTranId());
    long balanceAfter = payment.getLegs().get(0).getBalanceAfter();
    assertEquals(
        List.of(PortalClient.BASE_URL + "/merchant/api/v1/payments/" + payment.getPaymentId()),
        paid.getHeaders().get("location"));

    // The answer was lost: the same key again is the same payment, not a second one.
    ApiResponse<Payment> replay = pos.createPaymentWithHttpInfo(key, request);
    assertEquals(200, replay.getStatusCode());
    assertEquals(List.of("true"), replay.getHeaders().get("idempotent-replayed"));
    assertEquals(payment.getPaymentId(), replay.getData().getPaymentId());

    assertEquals(payment.getPaymentId(), pos.getPayment(payment.getPaymentId()).getPaymentId());
    LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Tokyo"));
    PaymentList list =
        pos.listPayments(
            today.atStartOfDay().toString(), today.plusDays(1).atStartOfDay().toString(), 500);
    assertTrue(
        list.getPayments().stream().anyMatch(p -> p.getPaymentId().equals(payment.getPaymentId())),
        list.toString());
    assertTrue(list.getCount() >= 1 && list.getTotal() >= 120L, list.toString());

    // The single-leg form of the request; more than the card holds is refused, as a problem.
    var tooMuch =
        assertThrows(
            ApiException.class,
            () ->
                pos.createPayment(
                    "openapi-" + UUID.randomUUID(),
                    new PaymentRequest(
                        new PaymentWithOneLeg()
                            .payer(CARD)
                            .service("WAKABA_COIN")
                            .amount(balanceAfter + 1))));
    assertEquals(422, tooMuch.getCode(), tooMuch.getResponseBody());
    Problem refused = problem(tooMuch);
    assertEquals(Problem.CodeEnum.INSUFFICIENT_BALANCE, refused.getCode());
    assertEquals(422, refused.getStatus());
    assertEquals("urn:jimoto:problem:INSUFFICIENT_BALANCE", refused.getType());
    assertTrue(refused.getMessageJa().contains("残高が不足"), refused.getMessageJa());
    assertTrue(refused.getMessageEn().startsWith("Insufficient balance"), refused.getMessageEn());

    Payment cancelled = pos.cancelPayment(payment.getPaymentId());
    assertEquals(Payment.StatusEnum.CANCELLED, cancelled.getStatus());
    assertNotNull(cancelled.getCancelledAt());
    var again = assertThrows(ApiException.class, () -> pos.cancelPayment(payment.getPaymentId()));
    assertEquals(409, again.getCode());
    assertEquals(Problem.CodeEnum.ALREADY_CANCELLED, problem(again).getCode());
  }

  @Test
  void aWrongCredentialIsAProblemWithABasicChallenge() throws Exception {
    PaymentsApi pos = client(terminalCode, "0".repeat(64));
    var e = assertThrows(ApiException.class, () -> pos.getPayment(UUID.randomUUID().toString()));
    assertEquals(401, e.getCode());
    assertTrue(
        e.getResponseHeaders().firstValue("WWW-Authenticate").orElse("").startsWith("Basic "),
        e.getResponseHeaders().toString());
    Problem p = problem(e);
    assertEquals(Problem.CodeEnum.UNKNOWN_TERMINAL, p.getCode());
  }

  /** The document says the key is required, so the generated client will not pay without one. */
  @Test
  void theGeneratedClientInsistsOnAnIdempotencyKey() {
    PaymentsApi pos = client(terminalCode, terminalSecret);
    var e =
        assertThrows(
            ApiException.class,
            () ->
                pos.createPayment(
                    null,
                    new PaymentRequest(
                        new PaymentWithOneLeg().payer(CARD).service("WAKABA_COIN").amount(1L))));
    assertEquals(400, e.getCode());
    assertTrue(e.getMessage().contains("idempotencyKey"), e.getMessage());
  }
}
