package org.jimoto.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * HTTP/1.1 over a bare socket, for what ordinary clients hide or refuse: exact headers (Host,
 * X-Forwarded-Proto, hundreds of them), bodies without a length, and the server's certificate.
 * Every exchange asks the server to close the connection.
 */
final class RawHttp {

  static final String HOST = "localhost";

  record Response(int status, Map<String, List<String>> headers, String body) {

    /** The first value of a header (names are case-insensitive), or null. */
    String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null ? null : values.get(0);
    }

    List<String> all(String name) {
      return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
    }
  }

  private RawHttp() {}

  /** Sends {@code head} (request line and headers, without the blank line) and a body. */
  static Response exchange(int port, boolean tls, String head, byte[] body) throws IOException {
    try (Socket socket = open(port, tls)) {
      socket.setSoTimeout(30_000);
      String request = head + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        socket.getOutputStream().write(body);
      }
      socket.getOutputStream().flush();
      return read(socket.getInputStream());
    }
  }

  static Response get(int port, boolean tls, String path, String... headers) throws IOException {
    StringBuilder head = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port);
    for (String h : headers) {
      head.append("\r\n").append(h);
    }
    return exchange(port, tls, head.toString(), null);
  }

  /**
   * A plain-HTTP GET sent from another loopback address (127.0.0.2 ...): a client the server tells
   * apart from the tests' own (#8 throttling). Connecting to such an address is not enough, the
   * kernel would still send from 127.0.0.1.
   */
  static Response getFrom(String localAddress, int port, String path, String... headers)
      throws IOException {
    StringBuilder head = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: localhost:" + port);
    for (String h : headers) {
      head.append("\r\n").append(h);
    }
    try (Socket socket = new Socket(HOST, port, java.net.InetAddress.getByName(localAddress), 0)) {
      socket.setSoTimeout(30_000);
      String request = head + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return read(socket.getInputStream());
    }
  }

  static Socket open(int port, boolean tls) throws IOException {
    if (!tls) {
      return new Socket(HOST, port);
    }
    SSLSocket socket = (SSLSocket) trustingEveryone().getSocketFactory().createSocket(HOST, port);
    socket.startHandshake();
    return socket;
  }

  /** The certificate the HTTPS listener presents. */
  static X509Certificate certificate(int port) throws IOException {
    try (SSLSocket socket = (SSLSocket) open(port, true)) {
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  /** The tests look at the certificate themselves; a self-signed one must not stop them. */
  static SSLContext trustingEveryone() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      TrustManager all =
          new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
              return new X509Certificate[0];
            }
          };
      context.init(null, new TrustManager[] {all}, new SecureRandom());
      return context;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads one response: status line, headers, body (by its length, chunked, or to the end). */
  static Response read(InputStream in) throws IOException {
    String statusLine = line(in);
    if (statusLine == null) {
      throw new IOException("no response");
    }
    int status = Integer.parseInt(statusLine.split(" ")[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
      int colon = h.indexOf(':');
      headers
          .computeIfAbsent(
              h.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
          .add(h.substring(colon + 1).trim());
    }
    if (status == 100) { // Continue: the real answer follows
      return read(in);
    }
    // By its length where it has one: a server that refused a body it did not read may keep the
    // connection open a while to skip the rest of it.
    byte[] body;
    List<String> length = headers.getOrDefault("content-length", List.of());
    if (!length.isEmpty()) {
      body = in.readNBytes(Integer.parseInt(length.get(0)));
    } else if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
      body = dechunk(in);
    } else {
      body = in.readAllBytes();
    }
    return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
  }

  private static byte[] dechunk(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String size = line(in); size != null; size = line(in)) {
      int n = Integer.parseInt(size.trim(), 16);
      if (n == 0) {
        break;
      }
      out.write(in.readNBytes(n));
      line(in); // the CRLF after the chunk
    }
    return out.toByteArray();
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        int last = line.length() - 1;
        return last >= 0 && line.charAt(last) == '\r' ? line.substring(0, last) : line.toString();
      }
      line.append((char) c);
    }
    return line.length() == 0 ? null : line.toString();
  }
}
