import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load on the POS API: C workers, each paying as fast as answers come back, for T
 * seconds after a warm-up. Every request is a distinct payment with its own idempotency key.
 * Prints one line: ok, errors, payments_per_s, p50_ms, p99_ms, and the status codes seen.
 *
 * <p>java perf/PaymentLoad.java URL SECRET SHOPS HOT_SHOP(0 = spread) RESIDENTS C SECONDS WARMUP
 */
public class PaymentLoad {

  public static void main(String[] a) throws Exception {
    String url = a[0];
    String secret = a[1];
    int shops = Integer.parseInt(a[2]);
    int hotShop = Integer.parseInt(a[3]);
    int residents = Integer.parseInt(a[4]);
    int concurrency = Integer.parseInt(a[5]);
    long seconds = Long.parseLong(a[6]);
    long warmup = Long.parseLong(a[7]);

    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
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
    Map<Integer, AtomicLong> statuses = new java.util.concurrent.ConcurrentHashMap<>();
    List<long[]> latencies = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < concurrency; w++) {
      long[] mine = new long[2_000_000];
      int[] count = {0};
      latencies.add(mine);
      Thread t =
          new Thread(
              () -> {
                var rnd = ThreadLocalRandom.current();
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
                  HttpRequest req =
                      HttpRequest.newBuilder(URI.create(url))
                          .timeout(Duration.ofSeconds(30))
                          .header("Authorization", auth[shop])
                          .header("Idempotency-Key", UUID.randomUUID().toString())
                          .header("Content-Type", "application/json")
                          .POST(HttpRequest.BodyPublishers.ofString(body))
                          .build();
                  int status;
                  try {
                    status = http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
                  } catch (Exception e) {
                    status = -1;
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
}
