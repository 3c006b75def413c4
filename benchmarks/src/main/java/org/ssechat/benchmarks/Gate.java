package org.ssechat.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ssechat.chat.ChatChunkDecoder;
import org.ssechat.sse.SseEvent;
import org.ssechat.sse.SseMessage;
import org.ssechat.sse.testing.ReferenceParser;

/**
 * The correctness gate, run before any timing: every contender on every stream at every read size
 * against {@link ReferenceParser} (framing: the events' type and data; end to end: the extracted
 * content, reasoning, finish reasons and usage, against {@link ChatJson} on the reference events,
 * or for the real decoder against the decoder fed the reference events directly).
 *
 * <p>Wrong events are counted for everyone; {@code naive}'s are expected and only shown. Any wrong
 * event or exception from a contender that should be correct fails the gate.
 *
 * <p>{@code java -cp benchmarks.jar org.ssechat.benchmarks.Gate [--quick]}; exit status 1 on
 * failure.
 */
public final class Gate {

  /** Every read size the benchmarks use, {@code whole} = the stream in one read. */
  public static final List<String> READ_SIZES = List.of("16", "256", "4096", "65536", "whole");

  /**
   * One check.
   *
   * @param kind      {@code framing} or {@code end-to-end}
   * @param expected  events in the reference (framing) or 1 (end to end: one outcome)
   * @param wrong     events not reproduced (framing) or 1 if the outcome differs (end to end)
   * @param error     the exception message if the contender threw, else null
   * @param required  whether a wrong result fails the gate
   * @param deviation a known, documented difference from the spec seen in this check, or null
   */
  public record Check(String kind, String contender, String stream, String readSize, int expected,
      int wrong, String error, boolean required, String deviation) {

    public boolean failed() {
      return required && (wrong > 0 || error != null);
    }
  }

  private Gate() {}

  /** Runs every check; unavailable contenders (not on the class path) are skipped. */
  public static List<Check> run(List<String> streams, List<String> readSizes) {
    List<Check> checks = new ArrayList<>();
    for (String name : streams) {
      byte[] bytes = Streams.get(name);
      List<SseMessage> expected = ReferenceParser.events(bytes);
      List<SseMessage> expectedAtEof = ReferenceParser.events(bytes, true);
      ChatOutcome.Recorder rec = new ChatOutcome.Recorder();
      for (SseMessage m : expected) {
        ChatJson.extract(m.data(), rec);
      }
      ChatOutcome expectedOutcome = rec.take();
      ChatChunkDecoder direct = EndToEnd.decoder(rec);
      for (SseMessage m : expected) {
        direct.onEvent(new PreSplitEvent(m));
      }
      ChatOutcome expectedDecoded = rec.take();
      for (Contender c : Contender.values()) {
        if (!c.available()) {
          continue;
        }
        List<SseMessage> got = new ArrayList<>();
        Framer framer = c.framer(collector(got));
        for (String rs : readSizes) {
          got.clear();
          String error = null;
          try {
            framer.parse(bytes, Streams.readSize(rs, bytes));
          } catch (Exception | AssertionError e) {
            error = e.toString();
            framer = c.framer(collector(got)); // a failed parser is unusable
          }
          int wrong = wrongEvents(expected, got);
          String deviation = null;
          if (wrong > 0 && c.dispatchesAtEof() && wrongEvents(expectedAtEof, got) == 0) {
            wrong = 0;
            deviation = "dispatched the unterminated last event at end of input (spec: discard)";
          }
          checks.add(new Check("framing", c.id(), name, rs, expected.size(), wrong, error,
              c.mustBeCorrect(), deviation));
        }
      }
      for (String p : EndToEnd.PIPELINES) {
        String framerId = p.startsWith("zero-copy") ? "zero-copy" : p;
        if (!Contender.of(framerId).available()) {
          continue;
        }
        Framer framer = EndToEnd.pipeline(p, rec);
        for (String rs : readSizes) {
          String error = null;
          rec.take();
          try {
            framer.parse(bytes, Streams.readSize(rs, bytes));
          } catch (Exception | AssertionError e) {
            error = e.toString();
            framer = EndToEnd.pipeline(p, rec);
          }
          // the decoder knows more fields than ChatJson: it is held to itself on pre-split events
          ChatOutcome want = p.equals("zero-copy") ? expectedDecoded : expectedOutcome;
          int wrong = rec.take().equals(want) ? 0 : 1;
          checks.add(new Check("end-to-end", p, name, rs, 1, wrong, error,
              EndToEnd.mustBeCorrect(p), null));
        }
      }
    }
    return checks;
  }

  /**
   * Events of {@code expected} that {@code got} lacks, or extra events it has, whichever is more
   * (as multisets, so one garbled event counts once, and a shifted tail is not counted twice).
   */
  static int wrongEvents(List<SseMessage> expected, List<SseMessage> got) {
    Map<SseMessage, Integer> counts = new HashMap<>();
    for (SseMessage m : expected) {
      counts.merge(normal(m), 1, Integer::sum);
    }
    int extra = 0;
    for (SseMessage m : got) {
      Integer n = counts.get(normal(m));
      if (n == null || n == 0) {
        extra++;
      } else {
        counts.put(normal(m), n - 1);
      }
    }
    int missing = counts.values().stream().mapToInt(Integer::intValue).sum();
    return Math.max(missing, extra);
  }

  /** Compared: type and data (the id is not: Spring reports only the block's own id field). */
  private static SseMessage normal(SseMessage m) {
    return new SseMessage(m.type(), m.data(), null);
  }

  private static EventSink collector(List<SseMessage> out) {
    return new EventSink() {
      @Override
      public void onEvent(SseEvent e) {
        out.add(new SseMessage(e.type(), e.data(), null));
      }

      @Override
      public void onEvent(String type, String data) {
        out.add(new SseMessage(type == null || type.isEmpty() ? "message" : type, data, null));
      }
    };
  }

  /** A summary per kind and contender, then every failing or wrong check. */
  public static void print(List<Check> checks, PrintStream out) {
    Map<String, int[]> sums = new LinkedHashMap<>(); // expected, wrong, errors, checks
    for (Check c : checks) {
      int[] s = sums.computeIfAbsent(c.kind() + " " + c.contender(), k -> new int[4]);
      s[0] += c.expected();
      s[1] += c.wrong();
      s[2] += c.error() == null ? 0 : 1;
      s[3]++;
    }
    out.printf("%-30s %8s %8s %10s %7s  %s%n", "kind / contender", "checks", "expected",
        "wrong", "errors", "verdict");
    for (Map.Entry<String, int[]> e : sums.entrySet()) {
      int[] s = e.getValue();
      boolean required = !e.getKey().endsWith(" naive");
      String verdict = s[1] == 0 && s[2] == 0 ? "ok"
          : required ? "FAIL" : "wrong, as expected (not required)";
      out.printf("%-30s %8d %8d %10d %7d  %s%n", e.getKey(), s[3], s[0], s[1], s[2], verdict);
    }
    for (Check c : checks) {
      if (c.deviation() != null && c.readSize().equals("whole")) {
        out.printf("  known deviation: %s on %s: %s%n", c.contender(), c.stream(), c.deviation());
      }
      if (c.wrong() > 0 || c.error() != null) {
        out.printf("  %s %-12s %-48s read=%-6s wrong %d of %d%s%s%n", c.kind(), c.contender(),
            c.stream(), c.readSize(), c.wrong(), c.expected(),
            c.error() == null ? "" : " error: " + c.error(), c.required() ? "  <-- FAIL" : "");
      }
    }
  }

  /** The streams the gate covers: the whole corpus and 500-event synthetic streams of each kind. */
  public static List<String> defaultStreams() {
    List<String> streams = new ArrayList<>(Streams.CORPUS);
    for (SyntheticStream.Kind k : SyntheticStream.Kind.values()) {
      streams.add(Streams.synthetic(k, 500));
    }
    return streams;
  }

  public static void main(String[] args) {
    List<Check> checks = run(defaultStreams(), READ_SIZES);
    print(checks, System.out);
    long failed = checks.stream().filter(Check::failed).count();
    if (failed > 0) {
      System.out.println("GATE FAILED: " + failed + " check(s) of contenders that must be correct");
      System.exit(1);
    }
    System.out.println("gate passed: " + checks.size() + " checks");
  }
}
