package org.ssechat.benchmarks;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load tool for {@code ssechat serve} (not JMH): holds N concurrent streaming requests for one
 * recording on keep-alive connections ({@link LoadClient}, Netty) and measures, per recorded
 * read, how late it arrived against the recording's schedule, time to first byte,
 * completed/failed streams, body bytes per second, and the server's CPU time (during the
 * measurement window) and peak RSS (from {@code /proc}).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.ssechat.benchmarks.ServeLoad \
 *   --url http://127.0.0.1:8080/v1 --model NAME --recording NAME.sse --streams 1000 \
 *   [--speed 1|max] [--ramp-s 5] [--warmup-s 0] [--measure-s 15] [--grace-s 60]
 *   [--half-open 300] [--oversized-mib 32] [--pid SERVER_PID] [--label netty]
 * </pre>
 *
 * Prints one JSON line with the results. {@code benchmarks/serve-load.sh} runs it at several
 * concurrencies and writes {@code docs/serve-load.md}.
 */
public final class ServeLoad {

  private ServeLoad() {}

  /** The recorded schedule: each read's end offset and due time (ns from the first read). */
  record Schedule(long[] ends, long[] dueNanos, long bodyBytes) {
    /** {@code speed} 0 means as fast as possible: every read due at once. */
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
        due[i] = speed == 0 ? 0 : (long) ((reads.get(i).get(0).asLong() - t0) * 1000 / speed);
      }
      if (at != size) {
        throw new IllegalArgumentException("sidecar reads add up to " + at + " bytes, the body has "
            + size);
      }
      return new Schedule(ends, due, size);
    }

    /**
     * Reads {@code next}… arrive when {@code received} body bytes have: each whose last byte is
     * in is passed to {@code arrived} with its index; returns the first read not yet whole.
     */
    int arrive(int next, long received, java.util.function.IntConsumer arrived) {
      int i = next;
      while (i < ends.length && ends[i] <= received) {
        arrived.accept(i++);
      }
      return i;
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> o = new TreeMap<>(Map.of("--streams", "100", "--speed", "1",
        "--ramp-s", "5", "--warmup-s", "0", "--measure-s", "15", "--grace-s", "60",
        "--half-open", "0", "--oversized-mib", "0", "--pid", "-1", "--label", "serve"));
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unknown argument " + args[i]);
      }
      o.put(args[i], args[i + 1]);
    }
    if (!o.containsKey("--url") || !o.containsKey("--model") || !o.containsKey("--recording")) {
      System.err.println("usage: ServeLoad --url URL --model NAME --recording FILE.sse "
          + "[--streams N] [--speed 1|max] [--measure-s S] [--pid PID] [--label L] ...");
      System.exit(2);
    }
    URI url = URI.create(o.get("--url"));
    boolean max = o.get("--speed").equals("max");
    Schedule schedule = Schedule.of(Path.of(o.get("--recording")),
        max ? 0 : Double.parseDouble(o.get("--speed")));
    long pid = Long.parseLong(o.get("--pid"));
    byte[] body = ("{\"model\":\"" + o.get("--model") + "\",\"stream\":true,\"messages\":"
        + "[{\"role\":\"user\",\"content\":\"load\"}]}").getBytes(StandardCharsets.UTF_8);
    int streams = Integer.parseInt(o.get("--streams"));
    long measure = seconds(o.get("--measure-s"));
    LoadClient.Plan plan = new LoadClient.Plan(new InetSocketAddress(url.getHost(),
        url.getPort()), url.getPath() + "/chat/completions", body, schedule, streams,
        seconds(o.get("--ramp-s")), seconds(o.get("--warmup-s")), measure,
        seconds(o.get("--grace-s")), Integer.parseInt(o.get("--half-open")),
        Long.parseLong(o.get("--oversized-mib")) << 20);
    long[] window = new long[4];
    var os = (com.sun.management.OperatingSystemMXBean)
        ManagementFactory.getOperatingSystemMXBean();
    LoadClient client = new LoadClient(plan, () -> {
      window[0] = cpuTicks(pid);
      window[2] = os.getProcessCpuTime();
    }, () -> {
      window[1] = cpuTicks(pid);
      window[3] = os.getProcessCpuTime();
    });
    LoadClient.Stats s = client.run();
    double windowS = measure / 1e9;
    StringBuilder json = new StringBuilder();
    json.append(String.format(Locale.ROOT, "{\"label\":\"%s\",\"speed\":\"%s\",\"streams\":%d,"
        + "\"completed\":%d,\"failed\":%d,\"failures\":\"%s\",\"connect_failed\":%d,"
        + "\"events\":%d,\"late_p50_ms\":%.2f,\"late_p99_ms\":%.2f,\"late_p999_ms\":%.2f,"
        + "\"late_max_ms\":%.2f,\"ttft_p50_ms\":%.2f,\"ttft_p99_ms\":%.2f,"
        + "\"connect_p99_ms\":%.2f,\"window_s\":%.1f,\"body_mb_per_s\":%.1f,"
        + "\"server_cpu_s\":%.2f,\"client_cpu_s\":%.2f,\"server_rss_peak_mb\":%d",
        o.get("--label"), o.get("--speed"), streams, s.completed, s.failed(),
        s.failures.toString().replace("\"", ""), s.connectFailed, s.lateness.count(),
        ms(s.lateness.percentileNanos(50)), ms(s.lateness.percentileNanos(99)),
        ms(s.lateness.percentileNanos(99.9)), ms(s.lateness.maxNanos()),
        ms(s.ttft.percentileNanos(50)), ms(s.ttft.percentileNanos(99)),
        ms(s.connect.percentileNanos(99)), windowS, s.windowBytes / windowS / 1e6,
        (window[1] - window[0]) / 100.0, (window[3] - window[2]) / 1e9, rssPeakMb(pid)));
    if (plan.halfOpen() > 0 || plan.oversizedBytes() > 0) {
      json.append(",\"half_open\":").append(plan.halfOpen())
          .append(",\"half_open_cut\":\"").append(cuts(client.halfOpenCuts())).append('"')
          .append(",\"oversized_cut\":\"").append(cuts(client.oversizedCuts())).append('"');
    }
    System.out.println(json.append('}'));
    System.exit(0);
  }

  /** {@code 300 × 408 after 30.0–30.2 s}: how the server ended the abusive connections. */
  private static String cuts(List<LoadClient.Cut> cuts) {
    Map<String, long[]> by = new TreeMap<>();
    for (LoadClient.Cut c : cuts) {
      long[] a = by.computeIfAbsent(c.status(), k -> new long[] {0, Long.MAX_VALUE, 0});
      a[0]++;
      a[1] = Math.min(a[1], c.afterNanos());
      a[2] = Math.max(a[2], c.afterNanos());
    }
    StringBuilder sb = new StringBuilder();
    by.forEach((status, a) -> sb.append(sb.length() == 0 ? "" : "; ").append(a[0])
        .append(" × ").append(status).append(String.format(Locale.ROOT, " after %.1f–%.1f s",
            a[1] / 1e9, a[2] / 1e9)));
    return sb.length() == 0 ? "none cut" : sb.toString();
  }

  private static long seconds(String s) {
    return (long) (Double.parseDouble(s) * TimeUnit.SECONDS.toNanos(1));
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  /** The process's user+system CPU ticks (1/100 s), or 0. */
  private static long cpuTicks(long pid) {
    if (pid < 0) {
      return 0;
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    } catch (Exception e) {
      return 0;
    }
  }

  /** The process's peak RSS in MB, or 0. */
  private static long rssPeakMb(long pid) {
    if (pid < 0) {
      return 0;
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (Exception e) {
      // gone
    }
    return 0;
  }
}
