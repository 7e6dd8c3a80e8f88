package org.jimoto.system;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.jsoup.Connection;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.FormElement;

/**
 * A browser-less client of one portal with its own cookie session: reads pages, submits Faces forms
 * the way a browser does (all inputs including the ViewState), and shows what came back.
 */
final class PortalClient {

  static final String BASE_URL = System.getProperty("jimoto.it.baseUrl", "http://localhost:18080");
  static final String PASSWORD = System.getProperty("jimoto.it.password", "it-Demo-pass-2026");

  private final String portal;
  private final String baseUrl;
  private final Connection session =
      Jsoup.newSession().followRedirects(true).ignoreHttpErrors(true).ignoreContentType(true);
  private Connection.Response last;
  private Document lastPage;

  PortalClient(String portal) {
    this(portal, BASE_URL);
  }

  /** A client reaching the server at another of its addresses (another client address, #8). */
  PortalClient(String portal, String baseUrl) {
    this.portal = portal;
    this.baseUrl = baseUrl;
  }

  String url(String path) {
    return baseUrl + "/" + portal + path;
  }

  Connection.Response get(String path) throws IOException {
    lastPage = null;
    last = session.newRequest(url(path)).method(Connection.Method.GET).execute();
    return last;
  }

  /** A download of any content type (an image, say), with this client's cookies. */
  Connection.Response getFile(String path) throws IOException {
    lastPage = null;
    last =
        session
            .newRequest(url(path))
            .ignoreContentType(true)
            .method(Connection.Method.GET)
            .execute();
    return last;
  }

  Connection.Response getWithoutRedirect(String path) throws IOException {
    lastPage = null;
    last =
        session
            .newRequest(url(path))
            .followRedirects(false)
            .method(Connection.Method.GET)
            .execute();
    return last;
  }

  /** A page of any portal (path from the server root) with this client's cookies. */
  Connection.Response getAbsoluteWithoutRedirect(String pathFromRoot) throws IOException {
    return session
        .newRequest(baseUrl + pathFromRoot)
        .followRedirects(false)
        .method(Connection.Method.GET)
        .execute();
  }

  Document page() throws IOException {
    if (lastPage == null) {
      lastPage = last.parse();
    }
    return lastPage;
  }

  /** Submits a form of the current page, pressing {@code button} (a component id). */
  Connection.Response submit(String formId, String button, Map<String, String> values)
      throws IOException {
    Element form = page().getElementById(formId);
    assertNotNull(form, "form " + formId + " on " + last.url());
    Map<String, String> data = new HashMap<>();
    ((FormElement) form).formData().forEach(kv -> data.put(kv.key(), kv.value()));
    values.forEach((k, v) -> data.put(formId + ":" + k, v));
    data.put(formId + ":" + button, formId + ":" + button);
    // What PrimeFaces' script does in a browser (CSP mode, #8): every form sends the page's nonce.
    Element script = page().selectFirst("script[nonce]");
    if (script != null) {
      data.put("primefaces.nonce", script.attr("nonce"));
    }
    return post(data);
  }

  Connection.Response post(Map<String, String> data) throws IOException {
    lastPage = null;
    last =
        session
            .newRequest(last.url().toString())
            .method(Connection.Method.POST)
            .data(data)
            .execute();
    return last;
  }

  Connection.Response postRaw(String path, Map<String, String> data) throws IOException {
    lastPage = null;
    last =
        session
            .newRequest(url(path))
            .followRedirects(false)
            .method(Connection.Method.POST)
            .data(data)
            .execute();
    return last;
  }

  /**
   * Opens the login page and logs in; returns the page that follows. A resident with a confirmed
   * phone then gets the SMS code step: the code is read from the SMS simulator's page.
   */
  Connection.Response login(String loginName, String password) throws IOException {
    loginWithoutCode(loginName, password);
    if (last.url().getPath().endsWith("/resident/login-code.xhtml")) {
      return enterSmsCode();
    }
    return last;
  }

  /** The password step alone: a resident with a confirmed phone is left on the code page. */
  Connection.Response loginWithoutCode(String loginName, String password) throws IOException {
    get("/login.xhtml");
    return submit("loginForm", "submit", Map.of("loginName", loginName, "password", password));
  }

  /** On the code page: submits the code of the newest SMS to the phone the page names. */
  Connection.Response enterSmsCode() throws IOException {
    Element phone = page().getElementById("codePhone");
    assertNotNull(phone, "the code page names the phone: " + last.url());
    return submit("codeForm", "submit", Map.of("code", SmsInbox.newestCodeTo(phone.text())));
  }

  /** Switches the session's language with the header's language links. */
  Connection.Response switchLanguage(String language) throws IOException {
    return submit("langForm", language, Map.of());
  }

  /** The error message shown on the page, or null. */
  /** A cookie this client holds, from any address of the server (null if none). */
  String cookie(String name) {
    return session.cookieStore().getCookies().stream()
        .filter(c -> c.getName().equals(name))
        .map(java.net.HttpCookie::getValue)
        .findFirst()
        .orElse(null);
  }

  /** Sends a cookie with every request, as a browser that was given it would. */
  void carryCookie(String name, String value) {
    var cookie = new java.net.HttpCookie(name, value);
    cookie.setPath("/" + portal);
    cookie.setVersion(0);
    session.cookieStore().add(java.net.URI.create(url("/")), cookie);
  }

  String errorMessage() throws IOException {
    Element e = page().selectFirst(".ui-messages-error-summary");
    return e == null ? null : e.text();
  }

  Connection.Response last() {
    return last;
  }
}
