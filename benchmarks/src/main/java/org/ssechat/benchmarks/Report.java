package org.ssechat.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.ssechat.sse.testing.ReferenceParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Renders JMH JSON results into {@code docs/benchmarks.md} and SVG charts.
 *
 * <p>{@code java -cp benchmarks.jar org.ssechat.benchmarks.Report RESULTS.json OUT.md IMG_DIR
 * [--gate GATE.txt] [--env ENV.txt] [--title TEXT]}. Throughput is MB/s of input (10^6 bytes, the
 * stream size over the time per stream); allocation is {@code gc.alloc.rate.norm} divided by the
 * stream's events.
 */
public final class Report {

  /** One JMH result row. */
  record Row(String bench, Map<String, String> params, double usPerOp, double error,
      double allocPerOp) {
    String p(String name) {
      return params.getOrDefault(name, "");
    }
  }

  private static final List<String> READ_ORDER = List.of("16", "256", "4096", "65536", "whole");
  private static final String FRAMING = "FramingBenchmark.frame";
  private static final String E2E = "EndToEndBenchmark.endToEnd";
  private static final String SWAR = "BoundsBenchmark.newlineSwar";
  private static final String SCALAR = "BoundsBenchmark.newlineScalar";
  private static final String DECODER_ONLY = "JsonOnlyBenchmark.decoder";
  private static final String CHATJSON_ONLY = "JsonOnlyBenchmark.chatJson";
  /** The benchmark's name before it was renamed, as results saved then carry it. */
  private static final String LEGACY_JSON_ONLY = "JacksonOnlyBenchmark.";
  private static final String CONTROL = "zero-copy+chatjson";

  private final List<Row> rows;
  private final Map<String, double[]> streamInfo = new HashMap<>(); // bytes, events
  private final StringBuilder md = new StringBuilder();
  private final List<String[]> targets = new ArrayList<>(); // target, measured, verdict

  Report(List<Row> rows) {
    this.rows = rows;
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 3) {
      System.err.println("usage: Report RESULTS.json OUT.md IMG_DIR [--gate F] [--env F] [--title T]");
      System.exit(2);
    }
    Map<String, String> opts = new HashMap<>();
    for (int i = 3; i + 1 < args.length; i += 2) {
      opts.put(args[i], args[i + 1]);
    }
    List<Row> rows = read(Path.of(args[0]));
    Path out = Path.of(args[1]);
    Path img = Path.of(args[2]);
    Files.createDirectories(img);
    Report r = new Report(rows);
    String gate = opts.containsKey("--gate") ? Files.readString(Path.of(opts.get("--gate"))) : null;
    String env = opts.containsKey("--env") ? Files.readString(Path.of(opts.get("--env"))) : null;
    String imgRel = out.toAbsolutePath().getParent().relativize(img.toAbsolutePath()).toString();
    Files.writeString(out, r.render(opts.getOrDefault("--title", "Benchmarks"), env, gate, img,
        imgRel, Path.of(args[0]).getFileName().toString()));
    System.out.println("wrote " + out + " and charts in " + img);
  }

  static List<Row> read(Path json) throws IOException {
    JsonNode root = new ObjectMapper().readTree(Files.readString(json));
    List<Row> rows = new ArrayList<>();
    for (JsonNode n : root) {
      String bench = n.get("benchmark").asString();
      bench = bench.substring(bench.lastIndexOf('.', bench.lastIndexOf('.') - 1) + 1);
      if (bench.startsWith(LEGACY_JSON_ONLY)) {
        bench = "JsonOnlyBenchmark." + bench.substring(LEGACY_JSON_ONLY.length());
      }
      Map<String, String> params = new LinkedHashMap<>();
      JsonNode ps = n.get("params");
      if (ps != null) {
        for (Map.Entry<String, JsonNode> e : ps.properties()) {
          params.put(e.getKey(), e.getValue().asString());
        }
      }
      JsonNode pm = n.get("primaryMetric");
      JsonNode alloc = n.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score");
      double err = pm.path("scoreError").asDouble(Double.NaN);
      rows.add(new Row(bench, params, pm.get("score").asDouble(), err,
          alloc.isMissingNode() ? Double.NaN : alloc.asDouble()));
    }
    return rows;
  }

  // ---- stream facts ----

  private double bytes(String stream) {
    return info(stream)[0];
  }

  private double events(String stream) {
    return info(stream)[1];
  }

  private double[] info(String stream) {
    return streamInfo.computeIfAbsent(stream, s -> {
      byte[] b = Streams.get(s);
      return new double[] {b.length, ReferenceParser.events(b).size()};
    });
  }

  private static String linearStream(Row r) {
    return Streams.synthetic(SyntheticStream.Kind.EN, Integer.parseInt(r.p("events")));
  }

  private double mbps(Row r, String stream) {
    return bytes(stream) / r.usPerOp();
  }

  private double perEvent(Row r, String stream) {
    return r.allocPerOp() / events(stream);
  }

  // ---- lookups ----

  private Row find(String bench, Predicate<Row> p) {
    return rows.stream().filter(r -> r.bench().equals(bench) && p.test(r)).findFirst().orElse(null);
  }

  private Set<String> values(String bench, String param) {
    Set<String> s = new LinkedHashSet<>();
    rows.stream().filter(r -> r.bench().equals(bench)).forEach(r -> s.add(r.p(param)));
    return s;
  }

  private List<String> readSizes(String bench) {
    Set<String> have = values(bench, "readSize");
    return READ_ORDER.stream().filter(have::contains).collect(Collectors.toList());
  }

  private Double frameMbps(String contender, String stream, String rs) {
    Row r = find(FRAMING, x -> x.p("contender").equals(contender) && x.p("stream").equals(stream)
        && x.p("readSize").equals(rs));
    return r == null ? null : mbps(r, stream);
  }

  private Double e2eMbps(String pipeline, String stream, String rs) {
    Row r = find(E2E, x -> x.p("pipeline").equals(pipeline) && x.p("stream").equals(stream)
        && x.p("readSize").equals(rs));
    return r == null ? null : mbps(r, stream);
  }

  private Double boundMbps(String bench, String stream, String rs) {
    Row r = find(bench, x -> x.p("stream").equals(stream)
        && (rs == null || x.p("readSize").equals(rs)));
    return r == null ? null : mbps(r, stream);
  }

  // ---- rendering ----

  String render(String title, String env, String gate, Path img, String imgRel, String source)
      throws IOException {
    md.append("# ").append(title).append("\n\n");
    md.append("<!-- generated by benchmarks/run.sh (org.ssechat.benchmarks.Report) from "
        + "benchmarks/results/").append(source).append("; do not edit -->\n\n");
    md.append("MB/s = 10^6 bytes of SSE input per second (stream size / time per stream). "
        + "B/event = JMH `-prof gc` `gc.alloc.rate.norm` / events in the stream. "
        + "One JMH operation parses one whole stream.\n\n");
    md.append("> **Noise warning.** This machine is shared with other jobs (2 cores, several "
        + "agents building at once), so absolute figures move by tens of percent between runs; "
        + "ratios measured in the same run are more stable. Quick mode uses very short "
        + "iterations (see the command).\n\n");
    if (env != null) {
      md.append("## Environment and command\n\n```\n").append(env.strip()).append("\n```\n\n");
    }
    if (gate != null) {
      md.append("## Correctness gate (run before timing)\n\n"
          + "Every contender × stream × read size against an independent reference parse "
          + "(`ReferenceParser`). `naive`'s wrong events are expected and shown; any wrong event "
          + "from another contender fails the run.\n\n```\n").append(gate.strip()).append("\n```\n\n");
    }
    framing(img, imgRel);
    endToEnd(img, imgRel);
    linearity(img, imgRel);
    md.append("## Targets\n\n| target | measured (worst case in this run) | verdict |\n|---|---|---|\n");
    for (String[] t : targets) {
      md.append("| ").append(t[0]).append(" | ").append(t[1]).append(" | ").append(t[2])
          .append(" |\n");
    }
    md.append('\n');
    return md.toString();
  }

  /** The worst (lowest or highest) value seen, and where. */
  private static final class Worst {
    double value;
    String where = "";
    private final boolean lowest;

    Worst(boolean lowest) {
      this.lowest = lowest;
      this.value = lowest ? Double.MAX_VALUE : 0;
    }

    void offer(double v, String at) {
      if (lowest ? v < value : v > value) {
        value = v;
        where = at;
      }
    }
  }

  private static boolean atLeast4k(String rs) {
    return !rs.equals("16") && !rs.equals("256");
  }

  private void head(String first, List<String> rss) {
    md.append("| ").append(first).append(" |");
    rss.forEach(rs -> md.append(' ').append(label(rs)).append(" |"));
    md.append("\n|---|").append("---:|".repeat(rss.size())).append('\n');
  }

  /** One table row of MB/s by read size; returns the values for the chart. */
  private double[] mbpsRow(String name, List<String> rss, Function<String, Double> f) {
    double[] ys = new double[rss.size()];
    md.append("| ").append(name).append(" |");
    for (int i = 0; i < rss.size(); i++) {
      Double v = f.apply(rss.get(i));
      ys[i] = v == null ? Double.NaN : v;
      md.append(' ').append(fmt(v)).append(" |");
    }
    md.append('\n');
    return ys;
  }

  /** The ratio row of zero-copy over {@code other}; each ratio is also offered to {@code worst}. */
  private void ratioRow(String name, List<String> rss, String stream,
      Function<String, Double> zero, Function<String, Double> other,
      BiConsumer<String, Double> worst) {
    md.append("| ").append(name).append(" |");
    for (String rs : rss) {
      Double z = zero.apply(rs);
      Double v = other.apply(rs);
      Double ratio = z == null || v == null ? null : z / v;
      md.append(' ').append(ratio == null ? "–" : String.format(Locale.ROOT, "%.2f×", ratio))
          .append(" |");
      if (ratio != null) {
        worst.accept(rs, ratio);
      }
    }
    md.append('\n');
  }

  /** The B/event table; zero-copy's figures at the read sizes {@code counted} go to {@code worst}. */
  private void allocTable(String bench, String param, List<String> names, String stream,
      List<String> rss, Predicate<String> counted, Worst worst) {
    md.append("\nB/event allocated:\n\n");
    head(param, rss);
    for (String c : names) {
      md.append("| ").append(c).append(" |");
      for (String rs : rss) {
        Row r = find(bench, x -> x.p(param).equals(c) && x.p("stream").equals(stream)
            && x.p("readSize").equals(rs));
        double a = r == null ? Double.NaN : perEvent(r, stream);
        md.append(' ').append(fmtAlloc(a)).append(" |");
        if (r != null && c.equals("zero-copy") && counted.test(rs)) {
          worst.offer(a, stream + " @ " + label(rs));
        }
      }
      md.append('\n');
    }
  }

  private void streamHeading(String stream) {
    md.append("### ").append(stream).append(String.format(Locale.ROOT,
        " (%,.0f bytes, %,.0f events)%n%n", bytes(stream), events(stream)));
  }

  private void chart(Path img, String imgRel, String file, String title, List<String> rss,
      Map<String, double[]> series) throws IOException {
    Files.writeString(img.resolve(file), Svg.lines(title,
        rss.stream().map(Report::label).collect(Collectors.toList()), series, "MB/s (log)", true));
    md.append("\n![").append(title).append("](").append(imgRel).append('/').append(file)
        .append(")\n\n");
  }

  private void framing(Path img, String imgRel) throws IOException {
    if (values(FRAMING, "stream").isEmpty()) {
      return;
    }
    md.append("## Framing only (events out, data consumed)\n\n");
    List<String> rss = readSizes(FRAMING);
    List<String> contenders = new ArrayList<>(values(FRAMING, "contender"));
    Worst bound4k = new Worst(true);
    Worst bound16 = new Worst(true);
    Worst okhttp = new Worst(true);
    Worst spring = new Worst(true);
    Worst alloc = new Worst(false);
    for (String stream : values(FRAMING, "stream")) {
      streamHeading(stream);
      md.append("MB/s by read size:\n\n");
      head("contender", rss);
      Map<String, double[]> series = new LinkedHashMap<>();
      for (String c : contenders) {
        series.put(c, mbpsRow(c, rss, rs -> frameMbps(c, stream, rs)));
      }
      series.put("newline SWAR",
          mbpsRow("*bound: newline count, SWAR*", rss, rs -> boundMbps(SWAR, stream, rs)));
      series.put("newline scalar",
          mbpsRow("*bound: newline count, scalar*", rss, rs -> boundMbps(SCALAR, stream, rs)));

      md.append("\nzero-copy's ratios (× = zero-copy MB/s / other MB/s):\n\n");
      head("vs", rss);
      Function<String, Double> zero = rs -> frameMbps("zero-copy", stream, rs);
      ratioRow("bound (SWAR)", rss, stream, zero, rs -> boundMbps(SWAR, stream, rs), (rs, r) -> {
        if (atLeast4k(rs)) {
          bound4k.offer(r, stream + " @ " + label(rs));
        } else if (rs.equals("16")) {
          bound16.offer(r, stream);
        }
      });
      for (String o : contenders) {
        if (o.equals("zero-copy")) {
          continue;
        }
        Worst w = o.equals("okhttp") ? okhttp : o.equals("spring") ? spring : null;
        ratioRow(o, rss, stream, zero, rs -> frameMbps(o, stream, rs), (rs, r) -> {
          if (w != null && atLeast4k(rs)) {
            w.offer(r, stream + " @ " + label(rs));
          }
        });
      }
      allocTable(FRAMING, "contender", contenders, stream, rss, Report::atLeast4k, alloc);
      chart(img, imgRel, "framing-" + stream + ".svg",
          "Framing: MB/s vs read size, " + stream, rss, series);
      allocChart(img, imgRel, FRAMING, "contender", stream, "framing");
    }
    target("Framing ≥ 0.7× SWAR newline-count bound, reads ≥ 4 KiB", bound4k, 0.7);
    target("Framing ≥ 0.3× bound at 16 B reads", bound16, 0.3);
    targets.add(new String[] {"Framing 0 B/event steady state (zero-copy, reads ≥ 4 KiB)",
        fmtAlloc(alloc.value) + " B/event (" + alloc.where + ")",
        alloc.value < 0.5 ? "met" : "MISSED"});
    target("Framing ≥ 2.5× okhttp-sse (reads ≥ 4 KiB)", okhttp, 2.5);
    target("Framing ≥ 25× Spring (reads ≥ 4 KiB)", spring, 25);
  }

  private void allocChart(Path img, String imgRel, String bench, String param, String stream,
      String prefix) throws IOException {
    List<String> rss = readSizes(bench);
    String rs = rss.contains("4096") ? "4096" : rss.get(rss.size() - 1);
    Map<String, Double> bars = new LinkedHashMap<>();
    for (String c : values(bench, param)) {
      Row r = find(bench, x -> x.p(param).equals(c) && x.p("stream").equals(stream)
          && x.p("readSize").equals(rs));
      if (r != null) {
        bars.put(c, perEvent(r, stream));
      }
    }
    String file = prefix + "-alloc-" + stream + ".svg";
    Files.writeString(img.resolve(file), Svg.bars(
        "Allocation per event (" + prefix + ", " + label(rs) + " reads), " + stream, bars,
        "B/event (log)"));
    md.append("![allocation per event, ").append(prefix).append(", ").append(stream).append("](")
        .append(imgRel).append('/').append(file).append(")\n\n");
  }

  private void endToEnd(Path img, String imgRel) throws IOException {
    if (values(E2E, "stream").isEmpty()) {
      return;
    }
    md.append("## End to end (content, reasoning, finish_reason, usage extracted)\n\n"
        + "`zero-copy` = zero-copy parser + the real `ChatChunkDecoder` (its own strict JSON "
        + "cursor). Every other pipeline (and the `zero-copy+chatjson` control) runs the same "
        + "Jackson streaming extraction (`ChatJson`) on its event data, so the control's ratios "
        + "compare framing with the same JSON code on both sides. Bounds: each JSON code over "
        + "event data split beforehand (`decoder only`, `chatjson only`).\n\n");
    List<String> rss = readSizes(E2E);
    List<String> pipes = new ArrayList<>(values(E2E, "pipeline"));
    Worst bound = new Worst(true);
    Worst naive4k = new Worst(true);
    Worst naiveWhole = new Worst(true);
    Worst okhttp = new Worst(true);
    Worst spring = new Worst(true);
    Worst okhttpSameJson = new Worst(true);
    Worst springSameJson = new Worst(true);
    Worst alloc = new Worst(false);
    for (String stream : values(E2E, "stream")) {
      streamHeading(stream);
      md.append("MB/s by read size:\n\n");
      head("pipeline", rss);
      Map<String, double[]> series = new LinkedHashMap<>();
      for (String p : pipes) {
        series.put(p, mbpsRow(p, rss, rs -> e2eMbps(p, stream, rs)));
      }
      Double decoderOnly = boundMbps(DECODER_ONLY, stream, null);
      series.put("decoder only", mbpsRow("*bound: decoder only*", rss, rs -> decoderOnly));
      mbpsRow("*bound: chatjson only*", rss, rs -> boundMbps(CHATJSON_ONLY, stream, null));

      md.append("\nzero-copy's ratios:\n\n");
      head("vs", rss);
      Function<String, Double> zero = rs -> e2eMbps("zero-copy", stream, rs);
      ratioRow("bound (decoder only)", rss, stream, zero, rs -> decoderOnly, (rs, r) -> {
        if (!rs.equals("16")) {
          bound.offer(r, stream + " @ " + label(rs));
        }
      });
      for (String o : pipes) {
        if (o.equals("zero-copy")) {
          continue;
        }
        ratioRow(o, rss, stream, zero, rs -> e2eMbps(o, stream, rs), (rs, r) -> {
          if (o.equals("naive") && rs.equals("4096")) {
            naive4k.offer(r, stream);
          } else if (o.equals("naive") && rs.equals("whole")) {
            naiveWhole.offer(r, stream);
          } else if (o.equals("okhttp") && atLeast4k(rs)) {
            okhttp.offer(r, stream + " @ " + label(rs));
          } else if (o.equals("spring") && atLeast4k(rs)) {
            spring.offer(r, stream + " @ " + label(rs));
          }
        });
      }
      if (pipes.contains(CONTROL)) {
        md.append("\nThe control's ratios (`zero-copy+chatjson`: the same `ChatJson` code as the "
            + "other pipelines):\n\n");
        head("vs", rss);
        Function<String, Double> control = rs -> e2eMbps(CONTROL, stream, rs);
        for (String o : List.of("naive", "okhttp", "spring", "launchdarkly")) {
          if (!pipes.contains(o)) {
            continue;
          }
          ratioRow(o, rss, stream, control, rs -> e2eMbps(o, stream, rs), (rs, r) -> {
            if (o.equals("okhttp") && atLeast4k(rs)) {
              okhttpSameJson.offer(r, stream + " @ " + label(rs));
            } else if (o.equals("spring") && atLeast4k(rs)) {
              springSameJson.offer(r, stream + " @ " + label(rs));
            }
          });
        }
      }
      allocTable(E2E, "pipeline", pipes, stream, rss, rs -> true, alloc);
      chart(img, imgRel, "e2e-" + stream + ".svg",
          "End to end: MB/s vs read size, " + stream, rss, series);
      allocChart(img, imgRel, E2E, "pipeline", stream, "e2e");
    }
    target("End to end ≥ 0.85× decoder-only bound, reads ≥ 256 B", bound, 0.85);
    target("End to end ≥ 3.5× naive at 4 KiB", naive4k, 3.5);
    target("End to end ≥ 60× naive, whole-stream reads", naiveWhole, 60);
    target("End to end ≥ 1.8× okhttp-sse + same JSON (reads ≥ 4 KiB; control vs okhttp, both "
        + "`ChatJson`)", okhttpSameJson, 1.8);
    target("End to end ≥ 5× Spring + same JSON (reads ≥ 4 KiB; control vs Spring, both "
        + "`ChatJson`)", springSameJson, 5);
    target("End to end ≥ 1.8× okhttp-sse (reads ≥ 4 KiB; zero-copy + its decoder vs okhttp + "
        + "`ChatJson`)", okhttp, 1.8);
    target("End to end ≥ 5× Spring (reads ≥ 4 KiB; zero-copy + its decoder vs Spring + "
        + "`ChatJson`)", spring, 5);
    targets.add(new String[] {"End to end ≤ 512 B allocated per event (zero-copy)",
        fmtAlloc(alloc.value) + " B/event (" + alloc.where + ")",
        alloc.value <= 512 ? "met" : "MISSED"});
  }

  private void linearity(Path img, String imgRel) throws IOException {
    List<String> benches = List.of("LinearityBenchmark.framing", "LinearityBenchmark.endToEnd");
    if (values(benches.get(0), "events").isEmpty()) {
      return;
    }
    md.append("## Linearity (zero-copy, synthetic English streams)\n\n"
        + "ns per event; spread = (max − min) / median over the row or column. A linear pipeline "
        + "stays within ±20% of its centre, i.e. every spread is at most 40%.\n\n");
    List<String> evs = values(benches.get(0), "events").stream()
        .sorted((a, b) -> Integer.parseInt(a) - Integer.parseInt(b)).collect(Collectors.toList());
    Set<String> haveReads = values(benches.get(0), "linearRead");
    List<String> reads = READ_ORDER.stream().filter(haveReads::contains)
        .collect(Collectors.toList());
    double worstLen = 0;
    double worstRead = 0;
    String wl = "";
    String wr = "";
    Map<String, double[]> series = new LinkedHashMap<>();
    for (String bench : benches) {
      String name = bench.substring(bench.indexOf('.') + 1);
      md.append("### ").append(name).append("\n\n| events |");
      reads.forEach(rs -> md.append(' ').append(label(rs)).append(" |")); // plus a spread column
      md.append(" spread over read sizes |\n|---:|").append("---:|".repeat(reads.size()))
          .append("---:|\n");
      double[][] ns = new double[evs.size()][reads.size()];
      for (int e = 0; e < evs.size(); e++) {
        String ev = evs.get(e);
        md.append("| ").append(ev).append(" |");
        for (int i = 0; i < reads.size(); i++) {
          String rs = reads.get(i);
          Row r = find(bench, x -> x.p("events").equals(ev) && x.p("linearRead").equals(rs));
          ns[e][i] = r == null ? Double.NaN : r.usPerOp() * 1000 / events(linearStream(r));
          md.append(String.format(Locale.ROOT, " %.0f |", ns[e][i]));
        }
        double s = spread(ns[e]);
        md.append(String.format(Locale.ROOT, " %.0f%% |%n", s * 100));
        if (s > worstRead) {
          worstRead = s;
          wr = name + ", " + ev + " events";
        }
      }
      md.append("| spread over lengths |");
      for (int i = 0; i < reads.size(); i++) {
        double[] col = new double[evs.size()];
        for (int e = 0; e < evs.size(); e++) {
          col[e] = ns[e][i];
        }
        double s = spread(col);
        md.append(String.format(Locale.ROOT, " %.0f%% |", s * 100));
        if (s > worstLen) {
          worstLen = s;
          wl = name + ", " + label(reads.get(i));
        }
        series.put(name + " " + label(reads.get(i)), col);
      }
      md.append(" |\n\n");
    }
    String file = "linearity.svg";
    Files.writeString(img.resolve(file), Svg.lines("Per-event cost vs stream length (zero-copy)",
        evs, series, "ns/event", false));
    md.append("![per-event cost vs stream length](").append(imgRel).append('/').append(file)
        .append(")\n\n");
    targets.add(new String[] {"Linear: per-event cost within ±20%, 500 → 8,000 events",
        String.format(Locale.ROOT, "spread %.0f%% (%s)", worstLen * 100, wl),
        worstLen <= 0.4 ? "met" : "MISSED"});
    targets.add(new String[] {"Linear: per-event cost within ±20%, 256 B reads → whole stream",
        String.format(Locale.ROOT, "spread %.0f%% (%s)", worstRead * 100, wr),
        worstRead <= 0.4 ? "met" : "MISSED"});
  }

  /** (max − min) / median: within ±20% of a centre means a spread of at most 40%. */
  private static double spread(double[] xs) {
    double[] v = java.util.Arrays.stream(xs).filter(x -> !Double.isNaN(x)).sorted().toArray();
    if (v.length < 2) {
      return 0;
    }
    double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    return (v[v.length - 1] - v[0]) / median;
  }

  private void target(String what, Worst w, double goal) {
    if (w.value == Double.MAX_VALUE) {
      targets.add(new String[] {what, "not measured in this run", "–"});
      return;
    }
    targets.add(new String[] {what, String.format(Locale.ROOT, "%.2f× (%s)", w.value, w.where),
        w.value >= goal ? "met" : "MISSED"});
  }

  static String label(String rs) {
    switch (rs) {
      case "whole":
        return "whole";
      case "4096":
        return "4 KiB";
      case "65536":
        return "64 KiB";
      default:
        return rs + " B";
    }
  }

  private static String fmt(Double v) {
    if (v == null || v.isNaN()) {
      return "–";
    }
    return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }

  private static String fmtAlloc(double a) {
    if (Double.isNaN(a)) {
      return "–";
    }
    return a < 10 ? String.format(Locale.ROOT, "%.2f", a) : String.format(Locale.ROOT, "%,.0f", a);
  }

  /** Minimal SVG charts: no dependencies, readable on GitHub. */
  static final class Svg {
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd",
        "#ff7f0e", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
    private static final int W = 760;
    private static final int H = 420;
    private static final int L = 70;
    private static final int R = 190;
    private static final int T = 40;
    private static final int B = 50;

    private Svg() {}

    static String lines(String title, List<String> xs, Map<String, double[]> series,
        String yLabel, boolean log) {
      double lo = Double.MAX_VALUE;
      double hi = 0;
      for (double[] ys : series.values()) {
        for (double y : ys) {
          if (!Double.isNaN(y) && y > 0) {
            lo = Math.min(lo, y);
            hi = Math.max(hi, y);
          }
        }
      }
      if (hi == 0) {
        lo = 1;
        hi = 10;
      }
      Scale s = log ? Scale.log(lo, hi) : Scale.linear(0, hi * 1.1);
      StringBuilder sb = open(title, yLabel);
      axes(sb, s, xs);
      int i = 0;
      for (Map.Entry<String, double[]> e : series.entrySet()) {
        String color = COLORS[i % COLORS.length];
        StringBuilder pts = new StringBuilder();
        double[] ys = e.getValue();
        for (int k = 0; k < ys.length; k++) {
          if (Double.isNaN(ys[k]) || ys[k] <= 0) {
            continue;
          }
          double x = xAt(k, xs.size());
          double y = s.y(ys[k]);
          pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
          sb.append(String.format(Locale.ROOT,
              "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n", x, y, color));
        }
        sb.append(String.format(Locale.ROOT,
            "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", color,
            pts.toString().trim()));
        legend(sb, i, e.getKey(), color);
        i++;
      }
      return sb.append("</svg>\n").toString();
    }

    static String bars(String title, Map<String, Double> bars, String yLabel) {
      double hi = bars.values().stream().filter(Objects::nonNull).mapToDouble(d -> d).max()
          .orElse(1);
      Scale s = Scale.log1p(hi);
      List<String> xs = new ArrayList<>(bars.keySet());
      StringBuilder sb = open(title, yLabel);
      axes(sb, s, xs);
      int i = 0;
      double bw = (W - L - R) / (double) Math.max(1, xs.size()) * 0.6;
      for (Map.Entry<String, Double> e : bars.entrySet()) {
        double x = xAt(i, xs.size());
        double y = s.y(e.getValue());
        sb.append(String.format(Locale.ROOT,
            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>%n",
            x - bw / 2, y, bw, H - B - y, COLORS[i % COLORS.length]));
        sb.append(String.format(Locale.ROOT,
            "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"middle\">%s</text>%n",
            x, y - 4, fmtAlloc(e.getValue())));
        i++;
      }
      return sb.append("</svg>\n").toString();
    }

    private static StringBuilder open(String title, String yLabel) {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
          + "width=\"%d\" height=\"%d\" font-family=\"sans-serif\">%n", W, H));
      sb.append(String.format(Locale.ROOT,
          "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", W, H));
      sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"14\" "
          + "font-weight=\"bold\">%s</text>%n", L, esc(title)));
      sb.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" font-size=\"12\" "
          + "transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">%s</text>%n",
          (T + H - B) / 2, (T + H - B) / 2, esc(yLabel)));
      return sb;
    }

    private static void axes(StringBuilder sb, Scale s, List<String> xs) {
      sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
          + "stroke=\"black\"/>%n", L, H - B, W - R, H - B));
      sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
          + "stroke=\"black\"/>%n", L, T, L, H - B));
      for (double t : s.ticks()) {
        double y = s.y(t);
        sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" "
            + "stroke=\"#ddd\"/>%n", L, y, W - R, y));
        sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" "
            + "text-anchor=\"end\">%s</text>%n", L - 4, y + 4, fmt(t)));
      }
      for (int k = 0; k < xs.size(); k++) {
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" "
            + "text-anchor=\"middle\">%s</text>%n", xAt(k, xs.size()), H - B + 16, esc(xs.get(k))));
      }
    }

    private static void legend(StringBuilder sb, int i, String name, String color) {
      int y = T + 10 + i * 18;
      sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" "
          + "fill=\"%s\"/>%n", W - R + 12, y - 10, color));
      sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s</text>%n",
          W - R + 30, y, esc(name)));
    }

    private static double xAt(int k, int n) {
      return L + (W - L - R) * (k + 0.5) / n;
    }

    private static String esc(String s) {
      return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Maps values to y pixels. */
    private interface Scale {
      double y(double v);

      Collection<Double> ticks();

      static Scale linear(double lo, double hi) {
        return new Scale() {
          public double y(double v) {
            return H - B - (v - lo) / (hi - lo) * (H - B - T);
          }

          public Collection<Double> ticks() {
            List<Double> t = new ArrayList<>();
            double step = Math.pow(10, Math.floor(Math.log10(hi / 2)));
            for (double v = 0; v <= hi; v += step) {
              t.add(v);
            }
            return t;
          }
        };
      }

      static Scale log(double lo, double hi) {
        double a = Math.floor(Math.log10(lo));
        double b = Math.ceil(Math.log10(hi));
        if (b <= a) {
          b = a + 1;
        }
        double fa = a;
        double fb = b;
        return new Scale() {
          public double y(double v) {
            return H - B - (Math.log10(v) - fa) / (fb - fa) * (H - B - T);
          }

          public Collection<Double> ticks() {
            List<Double> t = new ArrayList<>();
            for (double e = fa; e <= fb; e++) {
              t.add(Math.pow(10, e));
            }
            return t;
          }
        };
      }

      /** log10(1 + v), so 0 sits on the axis. */
      static Scale log1p(double hi) {
        double top = Math.max(1, Math.ceil(Math.log10(1 + hi)));
        return new Scale() {
          public double y(double v) {
            return H - B - Math.log10(1 + Math.max(0, v)) / top * (H - B - T);
          }

          public Collection<Double> ticks() {
            List<Double> t = new ArrayList<>();
            t.add(0.0);
            for (double e = 1; e <= top; e++) {
              t.add(Math.pow(10, e));
            }
            return t;
          }
        };
      }
    }
  }
}
