import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Settlement close benchmark client (issue #12, R-53): logs into the admin portal as a browser
 * would (the Faces login form with its view state and CSP nonce), opens the settlement page and
 * presses "close" for SERVICE and a DAY of the period (the page's own form: the same EJB call an
 * administrator makes), then reloads the page every POLL_MS (default 2000, as the page's own poll)
 * until the period's row says CLOSED. Prints the wall time from the press to the first page that
 * shows it closed.
 *
 * <p>Usage: java perf/SettlementClose.java BASE LOGIN PASSWORD SERVICE DAY PERIOD_TEXT [POLL_MS]
 * where PERIOD_TEXT is the period as the runs table shows it ("2026-10-01 – 2026-10-15"); POLL_MS
 * 0 only presses and returns.
 */
public class SettlementClose {

  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();

  public static void main(String[] args) throws Exception {
    String base = args[0];
    String service = args[3];
    String day = args[4];
    String period = args[5];
    long pollMillis = args.length > 6 ? Long.parseLong(args[6]) : 2000;
    String page = get(base + "/admin/login.xhtml");
    Map<String, String> login = form(page, "loginForm");
    login.put("loginForm:loginName", args[1]);
    login.put("loginForm:password", args[2]);
    login.put("loginForm:submit", "loginForm:submit");
    HttpResponse<String> r = post(base + "/admin/login.xhtml", login);
    if (!r.uri().getPath().startsWith("/admin/app/")) {
      throw new IllegalStateException("login failed: " + r.statusCode() + " " + r.uri());
    }
    String url = base + "/admin/app/settlement.xhtml";
    Map<String, String> close = form(get(url), "closeForm");
    close.put("closeForm:service", service);
    close.put("closeForm:day", day);
    close.put("closeForm:closeNow", "closeForm:closeNow");

    long start = System.nanoTime();
    r = post(url, close);
    double pressed = (System.nanoTime() - start) / 1e9;
    Matcher error = Pattern.compile("ui-messages-error-summary\">([^<]*)<").matcher(r.body());
    if (r.statusCode() != 200 || error.find()) {
      throw new IllegalStateException(
          "close refused: HTTP " + r.statusCode() + (error.find(0) ? " " + error.group(1) : ""));
    }
    if (pollMillis <= 0) { // KILL=1 in perf/settlement.sh: only press, the script watches
      System.out.printf("pressed_s=%.2f%n", pressed);
      return;
    }
    Pattern row =
        Pattern.compile(
            "<tr>\\s*<td>"
                + Pattern.quote(service)
                + "</td>\\s*<td[^>]*>"
                + Pattern.quote(period)
                + "</td>(.*?)</tr>",
            Pattern.DOTALL);
    int polls = 0;
    while (true) {
      String body = polls == 0 ? r.body() : get(url);
      Matcher m = row.matcher(body);
      if (m.find()) {
        String cells =
            m.group(1)
                .replaceAll("(?s)<script.*?</script>", " ")
                .replaceAll("<[^>]*>", " ")
                .replaceAll("\\s+", " ")
                .strip();
        if (cells.contains("締め済み") || cells.contains("Closed")) {
          double seconds = (System.nanoTime() - start) / 1e9;
          System.out.printf(
              "close_s=%.2f press_s=%.2f polls=%d row=[%s]%n", seconds, pressed, polls, cells);
          return;
        }
      }
      if ((System.nanoTime() - start) / 1e9 > 3600) {
        throw new IllegalStateException("not closed after an hour");
      }
      polls++;
      Thread.sleep(pollMillis);
    }
  }

  /** The inputs of one form of the page, with the page's CSP nonce as PrimeFaces sends it. */
  static Map<String, String> form(String page, String id) {
    int from = page.indexOf("<form id=\"" + id + "\"");
    if (from < 0) {
      throw new IllegalStateException("no form " + id + " on the page");
    }
    String form = page.substring(from, page.indexOf("</form>", from));
    Map<String, String> data = new LinkedHashMap<>();
    Matcher hidden =
        Pattern.compile("<input[^>]*type=\"hidden\"[^>]*name=\"([^\"]+)\"[^>]*value=\"([^\"]*)\"")
            .matcher(form);
    while (hidden.find()) {
      data.put(hidden.group(1), hidden.group(2).replace("&#58;", ":"));
    }
    Matcher nonce = Pattern.compile("<script[^>]*nonce=\"([^\"]+)\"").matcher(page);
    if (nonce.find()) {
      data.put("primefaces.nonce", nonce.group(1));
    }
    data.put(id, id);
    return data;
  }

  static String get(String url) throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(url + ": HTTP " + r.statusCode());
    }
    return r.body();
  }

  static HttpResponse<String> post(String url, Map<String, String> form) throws Exception {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
