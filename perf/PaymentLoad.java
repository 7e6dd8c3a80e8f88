import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load on the POS API: C workers, each paying as fast as answers come back, for T
 * seconds after a warm-up. Every request is a distinct payment with its own idempotency key.
 * Prints one line: ok, errors, payments_per_s, p50_ms, p99_ms, and the status codes seen.
 *
 * <p>Each worker speaks HTTP/1.1 over its own kept-alive socket, like a POS terminal does. The
 * JDK's HttpClient was not used: on this 2-core machine it spent about 4 ms of CPU per request,
 * CPU the server under test then did not get.
 *
 * <p>java perf/PaymentLoad.java URL SECRET SHOPS HOT_SHOP(0 = spread) RESIDENTS C SECONDS WARMUP
 */
public class PaymentLoad {

  public static void main(String[] a) throws Exception {
    URI url = URI.create(a[0]);
    String secret = a[1];
    int shops = Integer.parseInt(a[2]);
    int hotShop = Integer.parseInt(a[3]);
    int residents = Integer.parseInt(a[4]);
    int concurrency = Integer.parseInt(a[5]);
    long seconds = Long.parseLong(a[6]);
    long warmup = Long.parseLong(a[7]);

    String[] auth = new String[shops + 1];
    for (int s = 1; s <= shops; s++) {
      auth[s] =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString(("BT" + s + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
    long start = System.nanoTime();
    long measureFrom = start + warmup * 1_000_000_000L;
    long end = measureFrom + seconds * 1_000_000_000L;
    AtomicLong ok = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    List<long[]> latencies = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    String runId = Long.toString(System.currentTimeMillis(), 36);
    for (int w = 0; w < concurrency; w++) {
      long[] mine = new long[2_000_000];
      int[] count = {0};
      latencies.add(mine);
      int worker = w;
      Thread t =
          new Thread(
              () -> {
                var rnd = ThreadLocalRandom.current();
                Connection connection = null;
                long sequence = 0;
                while (true) {
                  long now = System.nanoTime();
                  if (now >= end) {
                    break;
                  }
                  int shop = hotShop > 0 ? hotShop : 1 + rnd.nextInt(shops);
                  String body =
                      "{\"payer\":\"B" + (1 + rnd.nextInt(residents))
                          + "\",\"service\":\"WAKABA_COIN\",\"amount\":" + (1 + rnd.nextInt(100))
                          + "}";
                  String key = runId + "-" + worker + "-" + (sequence++);
                  int status;
                  try {
                    if (connection == null) {
                      connection = new Connection(url);
                    }
                    status = connection.post(auth[shop], key, body);
                  } catch (IOException e) {
                    status = -1;
                  }
                  if (status < 0 || connection.closed) {
                    if (connection != null) {
                      connection.close();
                    }
                    connection = null;
                  }
                  long done = System.nanoTime();
                  if (now < measureFrom) {
                    continue;
                  }
                  statuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
                  if (status == 201) {
                    ok.incrementAndGet();
                    if (count[0] < mine.length) {
                      mine[count[0]++] = done - now;
                    }
                  } else {
                    errors.incrementAndGet();
                  }
                }
                if (connection != null) {
                  connection.close();
                }
                latencies.set(latencies.indexOf(mine), Arrays.copyOf(mine, count[0]));
              });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    double p50 = all.length == 0 ? 0 : all[(int) (all.length * 0.50)] / 1e6;
    double p99 = all.length == 0 ? 0 : all[Math.min(all.length - 1, (int) (all.length * 0.99))] / 1e6;
    var seen = new TreeMap<Integer, Long>();
    statuses.forEach((k, v) -> seen.put(k, v.get()));
    System.out.printf(
        "ok=%d errors=%d payments_per_s=%.1f p50_ms=%.1f p99_ms=%.1f statuses=%s%n",
        ok.get(), errors.get(), ok.get() / (double) seconds, p50, p99, seen);
  }

  /** One kept-alive HTTP/1.1 connection; reads Content-Length and chunked responses. */
  static final class Connection {
    private final URI url;
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    boolean closed;

    Connection(URI url) throws IOException {
      this.url = url;
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(30_000);
      socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5_000);
      out = socket.getOutputStream();
      in = new BufferedInputStream(socket.getInputStream(), 16_384);
    }

    int post(String authorization, String idempotencyKey, String body) throws IOException {
      byte[] content = body.getBytes(StandardCharsets.UTF_8);
      String head =
          "POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
              + "\r\nAuthorization: " + authorization + "\r\nIdempotency-Key: " + idempotencyKey
              + "\r\nContent-Type: application/json\r\nContent-Length: " + content.length
              + "\r\n\r\n";
      byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
      byte[] request = Arrays.copyOf(headBytes, headBytes.length + content.length);
      System.arraycopy(content, 0, request, headBytes.length, content.length);
      out.write(request);
      out.flush();

      String statusLine = line();
      int status = Integer.parseInt(statusLine.split(" ")[1]);
      long length = -1;
      boolean chunked = false;
      for (String h = line(); !h.isEmpty(); h = line()) {
        int colon = h.indexOf(':');
        String name = h.substring(0, colon).trim();
        String value = h.substring(colon + 1).trim();
        if (name.equalsIgnoreCase("Content-Length")) {
          length = Long.parseLong(value);
        } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.contains("chunked")) {
          chunked = true;
        } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
          closed = true;
        }
      }
      if (chunked) {
        for (long size = Long.parseLong(line().trim(), 16); size > 0;
            size = Long.parseLong(line().trim(), 16)) {
          skip(size);
          line();
        }
        line();
      } else if (length >= 0) {
        skip(length);
      } else {
        closed = true; // body runs to the end of the connection
      }
      return status;
    }

    private String line() throws IOException {
      StringBuilder s = new StringBuilder(64);
      for (int c = in.read(); c != '\n'; c = in.read()) {
        if (c < 0) {
          throw new EOFException();
        }
        if (c != '\r') {
          s.append((char) c);
        }
      }
      return s.toString();
    }

    private void skip(long n) throws IOException {
      for (long left = n; left > 0; ) {
        long skipped = in.skip(left);
        if (skipped <= 0) {
          if (in.read() < 0) {
            throw new EOFException();
          }
          skipped = 1;
        }
        left -= skipped;
      }
    }

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // nothing to do
      }
    }
  }
}
