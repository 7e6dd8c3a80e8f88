import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * History benchmark client (issue #9): logs into the merchant portal as a browser would (the Faces
 * login form with its view state and CSP nonce), then either downloads the CSV and reports its
 * rows per second, or loads a history page N times and reports p50 / p95.
 *
 * <p>Usage: java perf/HistoryLoad.java BASE LOGIN PASSWORD csv QUERY
 *     java perf/HistoryLoad.java BASE LOGIN PASSWORD page QUERY N
 */
public class HistoryLoad {

  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();

  public static void main(String[] args) throws Exception {
    String base = args[0];
    login(base, args[1], args[2]);
    String query = args[4];
    if (args[3].equals("csv")) {
      long start = System.nanoTime();
      HttpResponse<InputStream> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/merchant/app/history.csv?" + query)).build(),
              HttpResponse.BodyHandlers.ofInputStream());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("csv: HTTP " + r.statusCode());
      }
      long lines = 0;
      long bytes = 0;
      byte[] buffer = new byte[1 << 16];
      try (InputStream in = r.body()) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          bytes += n;
          for (int i = 0; i < n; i++) {
            if (buffer[i] == '\n') {
              lines++;
            }
          }
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      long rows = lines - 1; // the header
      System.out.printf(
          "csv_rows=%d csv_mb=%.1f csv_seconds=%.2f csv_rows_per_s=%.0f%n",
          rows, bytes / 1e6, seconds, rows / seconds);
    } else {
      int n = Integer.parseInt(args[5]);
      List<Double> millis = new ArrayList<>();
      String count = null;
      for (int i = 0; i < n; i++) {
        long start = System.nanoTime();
        HttpResponse<String> r =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/merchant/app/history.xhtml?" + query))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        millis.add((System.nanoTime() - start) / 1e6);
        if (r.statusCode() != 200 || !r.body().contains("class=\"jm-tran\"")) {
          throw new IllegalStateException("page: HTTP " + r.statusCode() + " without rows");
        }
        Matcher m = Pattern.compile("id=\"count\">([^<]*)<").matcher(r.body());
        count = m.find() ? m.group(1) : "?";
      }
      Collections.sort(millis);
      System.out.printf(
          "page_n=%d rows_in_filter=%s p50_ms=%.1f p95_ms=%.1f max_ms=%.1f%n",
          n,
          count,
          millis.get(n / 2),
          millis.get((int) Math.ceil(n * 0.95) - 1),
          millis.get(n - 1));
    }
  }

  /** The Faces login form, as PortalClient submits it in the system tests. */
  static void login(String base, String login, String password) throws Exception {
    String page =
        HTTP.send(
                HttpRequest.newBuilder(URI.create(base + "/merchant/login.xhtml")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Map<String, String> form = new LinkedHashMap<>();
    Matcher hidden =
        Pattern.compile("<input[^>]*type=\"hidden\"[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"")
            .matcher(page);
    while (hidden.find()) {
      form.put(hidden.group(1), hidden.group(2).replace("&#58;", ":"));
    }
    Matcher nonce = Pattern.compile("<script[^>]*nonce=\"([^\"]+)\"").matcher(page);
    if (nonce.find()) {
      form.put("primefaces.nonce", nonce.group(1));
    }
    form.put("loginForm", "loginForm");
    form.put("loginForm:loginName", login);
    form.put("loginForm:password", password);
    form.put("loginForm:submit", "loginForm:submit");
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/merchant/login.xhtml"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (!r.uri().getPath().endsWith("/app/home.xhtml")) {
      throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.uri());
    }
  }
}
