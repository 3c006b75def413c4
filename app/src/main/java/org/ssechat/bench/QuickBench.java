package org.ssechat.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.ssechat.sse.SseEvent;
import org.ssechat.sse.SseLimits;
import org.ssechat.sse.SseListener;
import org.ssechat.sse.SseMessage;
import org.ssechat.sse.SseParser;
import org.ssechat.sse.SseParsers;

/**
 * {@code ssechat bench}: a quick in-process comparison of the SSE parsers on the user's own
 * recordings. Not JMH: one JVM, a short warm-up and a few timed passes, medians reported; good
 * for "is it fast on my streams", not for publishable figures (see {@code docs/benchmarks.md}).
 *
 * <p>Each parser's events (type and data) are also compared with {@code zero-copy}'s at the same
 * read size, so a parser that cuts multi-byte characters or events shows up as "DIFFERS".
 */
public final class QuickBench {

  /** Printed under every table. */
  /** Bytes per read when {@code --chunk-size} is not given. */
  public static final int DEFAULT_CHUNK_SIZE = 8192;
  public static final String NOT_JMH = "quick in-process timing, not JMH — see docs/benchmarks.md";

  private static final int TIMED_PASSES = 7;
  private static final long WARMUP_NANOS = 300_000_000L;
  private static final long MIN_PASS_NANOS = 20_000_000L;

  /**
   * One parser on one file.
   *
   * @param wrongEvents events that differ from zero-copy's (0 for zero-copy itself)
   */
  public record Result(Path file, String parser, long bytes, int events, double mbPerSec,
      double eventsPerSec, int wrongEvents) {}

  private QuickBench() {}

  /**
   * Times every parser on every file and prints a table to {@code out}.
   *
   * @param parsers   parser names; empty means every parser on the class path
   * @param chunkSize bytes per {@code feed} call; 0 or less means the whole file in one read
   * @throws IllegalArgumentException for an unknown parser name (the message lists the known ones)
   * @throws IOException if a file cannot be read
   */
  public static List<Result> run(List<Path> files, List<String> parsers, int chunkSize,
      PrintWriter out) throws IOException {
    List<String> names = parsers.isEmpty() ? SseParsers.names() : parsers;
    names.forEach(SseParsers::provider); // fail fast, before any timing
    List<Result> results = new ArrayList<>();
    out.printf(Locale.ROOT, "%-40s %-10s %10s %8s %10s %12s  %s%n", "file", "parser", "bytes",
        "events", "MB/s", "events/s", "vs zero-copy");
    for (Path file : files) {
      byte[] bytes = Files.readAllBytes(file);
      int read = chunkSize <= 0 ? Math.max(1, bytes.length) : chunkSize;
      List<SseMessage> reference = collect(SseParsers.DEFAULT, bytes, read);
      for (String name : names) {
        List<SseMessage> events = collect(name, bytes, read);
        int wrong = wrongEvents(reference, events);
        double seconds = medianSeconds(name, bytes, read);
        Result r = new Result(file, name, bytes.length, events.size(),
            bytes.length / seconds / 1e6, events.size() / seconds, wrong);
        results.add(r);
        out.printf(Locale.ROOT, "%-40s %-10s %,10d %,8d %,10.1f %,12.0f  %s%n",
            shorten(file.getFileName().toString()), name, r.bytes(), r.events(), r.mbPerSec(),
            r.eventsPerSec(), wrong == 0 ? "same events" : "DIFFERS (" + wrong + " events)");
      }
    }
    out.printf("read size: %s%n", chunkSize <= 0 ? "whole file" : chunkSize + " bytes");
    out.println(NOT_JMH);
    out.flush();
    return results;
  }

  private static double medianSeconds(String name, byte[] bytes, int read) {
    Counter counter = new Counter();
    SseParser parser = SseParsers.create(name, counter, SseLimits.DEFAULTS);
    long warmupEnd = System.nanoTime() + WARMUP_NANOS;
    int reps = 0;
    long t0 = System.nanoTime();
    do {
      pass(parser, bytes, read);
      reps++;
    } while (System.nanoTime() < warmupEnd);
    // enough repetitions per timed pass that the clock's resolution does not matter
    long perRep = Math.max(1, (System.nanoTime() - t0) / reps);
    int repsPerPass = (int) Math.max(1, Math.min(1_000_000, MIN_PASS_NANOS / perRep));
    double[] seconds = new double[TIMED_PASSES];
    for (int i = 0; i < TIMED_PASSES; i++) {
      long start = System.nanoTime();
      for (int k = 0; k < repsPerPass; k++) {
        pass(parser, bytes, read);
      }
      seconds[i] = (System.nanoTime() - start) / 1e9 / repsPerPass;
    }
    if (counter.events < 0) {
      throw new AssertionError(); // keeps the count observable
    }
    Arrays.sort(seconds);
    return seconds[TIMED_PASSES / 2];
  }

  private static void pass(SseParser parser, byte[] bytes, int read) {
    for (int off = 0; off < bytes.length; off += read) {
      parser.feed(bytes, off, Math.min(read, bytes.length - off));
    }
    parser.endOfInput();
  }

  private static List<SseMessage> collect(String name, byte[] bytes, int read) {
    List<SseMessage> events = new ArrayList<>();
    SseParser parser = SseParsers.create(name,
        e -> events.add(new SseMessage(e.type(), e.data(), null)), SseLimits.DEFAULTS);
    pass(parser, bytes, read);
    return events;
  }

  /** Positions where the two event lists differ, plus the difference in length. */
  static int wrongEvents(List<SseMessage> expected, List<SseMessage> got) {
    int n = Math.min(expected.size(), got.size());
    int wrong = Math.abs(expected.size() - got.size());
    for (int i = 0; i < n; i++) {
      if (!expected.get(i).equals(got.get(i))) {
        wrong++;
      }
    }
    return wrong;
  }

  private static String shorten(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }

  /** Counts events and touches their data length, so the parse is not dead code. */
  private static final class Counter implements SseListener {
    long events;
    long bytes;

    @Override
    public void onEvent(SseEvent event) {
      events++;
      bytes += event.dataLength();
    }
  }
}
