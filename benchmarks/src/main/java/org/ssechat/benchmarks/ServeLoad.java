package org.ssechat.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load tool for {@code ssechat serve} (not JMH): opens N concurrent streaming requests for one
 * recording and measures, per recorded read ("event"), how late it arrived against the
 * recording's schedule — the read is due at send time + its recorded offset / speed; it has
 * arrived when the first received buffer holding its last byte did — plus time to first byte,
 * completed and failed streams, and the server's CPU time and peak RSS (from {@code /proc}).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.ssechat.benchmarks.ServeLoad \
 *   --url http://127.0.0.1:8080/v1 --model NAME --recording NAME.sse --streams 1000 \
 *   [--speed 1] [--pid SERVER_PID] [--label old]
 * </pre>
 *
 * Prints one JSON line with the results. {@code benchmarks/serve-load.sh} runs it at several
 * concurrencies and writes {@code docs/serve-load.md}.
 */
public final class ServeLoad {

  private ServeLoad() {}

  /** The recorded schedule: each read's end offset and due time (ns from the first read). */
  record Schedule(long[] ends, long[] dueNanos, long bodyBytes) {
    static Schedule of(Path sse, double speed) throws Exception {
      long size = Files.size(sse);
      JsonNode reads = JsonMapper.builder().build()
          .readTree(Files.readString(Path.of(sse + ".json"))).path("reads");
      int n = reads.size();
      long[] ends = new long[n];
      long[] due = new long[n];
      long at = 0;
      long t0 = n == 0 ? 0 : reads.get(0).get(0).asLong();
      for (int i = 0; i < n; i++) {
        at += reads.get(i).get(1).asLong();
        ends[i] = at;
        due[i] = (long) ((reads.get(i).get(0).asLong() - t0) * 1000 / speed);
      }
      if (at != size) {
        throw new IllegalArgumentException("sidecar reads add up to " + at + " bytes, the body has "
            + size);
      }
      return new Schedule(ends, due, size);
    }
  }

  /** One stream's measurements. */
  static final class Stream implements Flow.Subscriber<List<ByteBuffer>> {
    private final Schedule schedule;
    private final long sentNanos;
    final long[] lateness;
    int next;
    long received;
    long firstByteNanos = -1;
    final CompletableFuture<Void> done = new CompletableFuture<>();

    Stream(Schedule schedule, long sentNanos) {
      this.schedule = schedule;
      this.sentNanos = sentNanos;
      this.lateness = new long[schedule.ends().length];
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      long now = System.nanoTime();
      if (firstByteNanos < 0) {
        firstByteNanos = now;
      }
      for (ByteBuffer b : buffers) {
        received += b.remaining();
      }
      while (next < lateness.length && schedule.ends()[next] <= received) {
        lateness[next] = now - (sentNanos + schedule.dueNanos()[next]);
        next++;
      }
    }

    @Override
    public void onError(Throwable t) {
      done.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      done.complete(null);
    }

    boolean complete() {
      return received == schedule.bodyBytes() && next == lateness.length;
    }
  }

  public static void main(String[] args) throws Exception {
    String url = null;
    String model = null;
    Path recording = null;
    int streams = 100;
    double speed = 1;
    long pid = -1;
    String label = "serve";
    for (int i = 0; i < args.length; i += 2) {
      String v = args[i + 1];
      switch (args[i]) {
        case "--url" -> url = v;
        case "--model" -> model = v;
        case "--recording" -> recording = Path.of(v);
        case "--streams" -> streams = Integer.parseInt(v);
        case "--speed" -> speed = Double.parseDouble(v);
        case "--pid" -> pid = Long.parseLong(v);
        case "--label" -> label = v;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (url == null || model == null || recording == null) {
      System.err.println("usage: ServeLoad --url URL --model NAME --recording FILE.sse "
          + "[--streams N] [--speed S] [--pid PID] [--label L]");
      System.exit(2);
    }
    Schedule schedule = Schedule.of(recording, speed);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(30))
        .executor(Executors.newFixedThreadPool(4)).build();
    String body = "{\"model\":\"" + model + "\",\"stream\":true,\"messages\":[{\"role\":"
        + "\"user\",\"content\":\"load\"}]}";
    HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/chat/completions"))
        .header("Content-Type", "application/json").timeout(Duration.ofMinutes(10))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    long[] cpu0 = cpu(pid);
    long wall0 = System.nanoTime();
    List<Stream> all = new ArrayList<>(streams);
    List<CompletableFuture<?>> futures = new ArrayList<>(streams);
    for (int i = 0; i < streams; i++) {
      Stream s = new Stream(schedule, System.nanoTime());
      all.add(s);
      futures.add(http.sendAsync(request, HttpResponse.BodyHandlers.fromSubscriber(s))
          .thenCompose(r -> r.statusCode() == 200 ? s.done
              : CompletableFuture.failedFuture(new IllegalStateException("HTTP "
                  + r.statusCode()))));
    }
    int failed = 0;
    for (CompletableFuture<?> f : futures) {
      try {
        f.get(15, TimeUnit.MINUTES);
      } catch (Exception e) {
        failed++;
      }
    }
    double wallS = (System.nanoTime() - wall0) / 1e9;
    long[] cpu1 = cpu(pid);
    int completed = 0;
    List<Long> late = new ArrayList<>();
    long[] ttft = new long[streams];
    int t = 0;
    for (Stream s : all) {
      if (s.complete()) {
        completed++;
      }
      for (int i = 0; i < s.next; i++) {
        late.add(s.lateness[i]);
      }
      if (s.firstByteNanos > 0) {
        ttft[t++] = s.firstByteNanos - s.sentNanos;
      }
    }
    long[] l = late.stream().mapToLong(Long::longValue).sorted().toArray();
    long[] tt = Arrays.copyOf(ttft, t);
    Arrays.sort(tt);
    System.out.println(String.format(Locale.ROOT, "{\"label\":\"%s\",\"streams\":%d,"
        + "\"completed\":%d,\"failed\":%d,\"events\":%d,\"late_p50_ms\":%.1f,\"late_p99_ms\":%.1f,"
        + "\"late_max_ms\":%.1f,\"ttft_p50_ms\":%.1f,\"ttft_p99_ms\":%.1f,\"wall_s\":%.1f,"
        + "\"server_cpu_s\":%.2f,\"server_rss_peak_mb\":%d}",
        label, streams, completed, failed, l.length, ms(pct(l, 50)), ms(pct(l, 99)),
        ms(l.length == 0 ? 0 : l[l.length - 1]), ms(pct(tt, 50)), ms(pct(tt, 99)), wallS,
        pid < 0 ? 0 : (cpu1[0] - cpu0[0]) / 100.0, pid < 0 ? 0 : cpu1[1] / 1024));
    System.exit(0);
  }

  private static long pct(long[] sorted, int p) {
    return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1,
        (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  /** The process's user+system CPU ticks (1/100 s) and peak RSS in KB, or zeros. */
  private static long[] cpu(long pid) {
    if (pid < 0) {
      return new long[2];
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
      long hwm = 0;
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmHWM:")) {
          hwm = Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return new long[] {ticks, hwm};
    } catch (Exception e) {
      return new long[2];
    }
  }
}
