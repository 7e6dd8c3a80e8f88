import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Closed-loop load on the POS API: C connections, each sending the next payment as soon as the
 * answer to the last one is in, for T seconds after a warm-up. Every request is a distinct
 * payment with its own idempotency key. Prints one line: ok, errors, payments_per_s, p50_ms,
 * p99_ms, and the status codes seen.
 *
 * <p>Each connection is a kept-alive HTTP/1.1 socket, like a POS terminal's; one thread drives them
 * all through a selector. On this 2-core machine the load generator shares the CPU with the server
 * and PostgreSQL: the JDK's HttpClient spent about 4 ms of CPU per request, a thread per
 * connection about 0.9 ms, this loop a fraction of that.
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
    long measureFrom = System.nanoTime() + warmup * 1_000_000_000L;
    long end = measureFrom + seconds * 1_000_000_000L;
    String runId = Long.toString(System.currentTimeMillis(), 36);
    var rnd = ThreadLocalRandom.current();
    Map<Integer, Long> statuses = new TreeMap<>();
    long[] latencies = new long[4_000_000];
    int measured = 0;
    long ok = 0;
    long errors = 0;
    long sequence = 0;

    Selector selector = Selector.open();
    for (int i = 0; i < concurrency; i++) {
      new Connection(url, selector);
    }
    while (true) {
      long now = System.nanoTime();
      if (now >= end) {
        break;
      }
      for (SelectionKey key : selector.keys()) {
        Connection c = (Connection) key.attachment();
        if (c.idle) {
          int shop = hotShop > 0 ? hotShop : 1 + rnd.nextInt(shops);
          String body =
              "{\"payer\":\"B" + (1 + rnd.nextInt(residents))
                  + "\",\"service\":\"WAKABA_COIN\",\"amount\":" + (1 + rnd.nextInt(100)) + "}";
          c.send(auth[shop], runId + "-" + (sequence++), body, now);
        }
      }
      selector.select(100);
      for (SelectionKey key : selector.selectedKeys()) {
        Connection c = (Connection) key.attachment();
        int status;
        try {
          status = c.progress();
        } catch (IOException e) {
          status = -1;
        }
        if (status == 0) {
          continue; // not complete yet
        }
        long done = System.nanoTime();
        if (status < 0 || c.mustClose) {
          c.close();
          new Connection(url, selector);
        }
        if (c.sentAt < measureFrom || done > end) {
          continue;
        }
        statuses.merge(status, 1L, Long::sum);
        if (status == 201) {
          ok++;
          if (measured < latencies.length) {
            latencies[measured++] = done - c.sentAt;
          }
        } else {
          errors++;
        }
      }
      selector.selectedKeys().clear();
    }
    long[] all = Arrays.copyOf(latencies, measured);
    Arrays.sort(all);
    double p50 = all.length == 0 ? 0 : all[(int) (all.length * 0.50)] / 1e6;
    double p99 = all.length == 0 ? 0 : all[Math.min(all.length - 1, (int) (all.length * 0.99))] / 1e6;
    System.out.printf(
        Locale.ROOT,
        "ok=%d errors=%d payments_per_s=%.1f p50_ms=%.1f p99_ms=%.1f statuses=%s%n",
        ok, errors, ok / (double) seconds, p50, p99, statuses);
  }

  /** One kept-alive HTTP/1.1 connection, driven by the selector; answers need Content-Length. */
  static final class Connection {
    private final URI url;
    private final SocketChannel channel;
    private final SelectionKey key;
    private ByteBuffer out;
    private ByteBuffer in = ByteBuffer.allocate(16_384);
    boolean idle = true;
    boolean mustClose;
    long sentAt;

    Connection(URI url, Selector selector) throws IOException {
      this.url = url;
      channel = SocketChannel.open(new InetSocketAddress(url.getHost(), url.getPort()));
      channel.socket().setTcpNoDelay(true);
      channel.configureBlocking(false);
      key = channel.register(selector, 0, this);
    }

    void send(String authorization, String idempotencyKey, String body, long now) {
      byte[] content = body.getBytes(StandardCharsets.UTF_8);
      String head =
          "POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
              + "\r\nAuthorization: " + authorization + "\r\nIdempotency-Key: " + idempotencyKey
              + "\r\nContent-Type: application/json\r\nContent-Length: " + content.length
              + "\r\n\r\n";
      byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
      out = ByteBuffer.allocate(headBytes.length + content.length).put(headBytes).put(content);
      out.flip();
      in.clear();
      idle = false;
      sentAt = now;
      key.interestOps(SelectionKey.OP_WRITE);
    }

    /**
     * @return the status once the whole answer is in, 0 while it is not, -1 if the server closed
     */
    int progress() throws IOException {
      if (out.hasRemaining()) {
        channel.write(out);
        if (!out.hasRemaining()) {
          key.interestOps(SelectionKey.OP_READ);
        }
        return 0;
      }
      if (!in.hasRemaining()) {
        in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
      }
      if (channel.read(in) < 0) {
        return -1;
      }
      String text = new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1);
      int headerEnd = text.indexOf("\r\n\r\n");
      if (headerEnd < 0) {
        return 0;
      }
      String head = text.substring(0, headerEnd).toLowerCase(Locale.ROOT);
      int at = head.indexOf("\r\ncontent-length:");
      if (at < 0) {
        return -1; // not what a POS API answer looks like; start over on a new connection
      }
      int lineEnd = head.indexOf("\r\n", at + 2);
      long length =
          Long.parseLong(head.substring(at + 17, lineEnd < 0 ? head.length() : lineEnd).trim());
      if (in.position() < headerEnd + 4 + length) {
        return 0;
      }
      mustClose = head.contains("\r\nconnection: close");
      idle = true;
      key.interestOps(0);
      return Integer.parseInt(head.substring(9, 12));
    }

    void close() {
      idle = false; // never used again
      key.cancel();
      try {
        channel.close();
      } catch (IOException e) {
        // nothing to do
      }
    }
  }
}
