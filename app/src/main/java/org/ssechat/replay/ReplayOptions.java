package org.ssechat.replay;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.ssechat.sse.SseParsers;

/**
 * Options of {@code ssechat replay FILE} and {@code /replay FILE}.
 *
 * @param file          the recording ({@code NAME.sse}; its sidecar is found beside it)
 * @param speed         pacing: {@code 1} as recorded, {@code 2}, {@code 10}, … faster, or max
 * @param chunkSize     read size in bytes, or 0 to use the recorded reads (or 4096-byte reads
 *                      when there is no sidecar)
 * @param originalReads whether {@code --original-reads} was given (the default behaviour, made
 *                      explicit; excludes {@code chunkSize})
 * @param parser        the SSE parser implementation ({@link SseParsers#names()})
 * @param format        what to print
 */
public record ReplayOptions(Path file, Speed speed, int chunkSize, boolean originalReads,
    String parser, Format format) {

  /** What {@link Replayer} prints. */
  public enum Format {
    /** The answer as a live answer renders it: content, reasoning, tool calls, stats line. */
    TEXT,
    /** One JSON object per SSE event, like the dump tool. */
    EVENTS,
    /** A report on the stream: provider, model, counts, finish reason, usage, gaps, warnings. */
    SUMMARY;

    static Format parse(String s) {
      try {
        return valueOf(s.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("bad format '" + s + "': use text, events or summary");
      }
    }
  }

  /** The usage line. */
  public static final String USAGE = "replay FILE [--speed 1|2|10|max] "
      + "[--chunk-size N | --original-reads] [--parser NAME] [--format text|events|summary]";

  public ReplayOptions {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(speed, "speed");
    Objects.requireNonNull(parser, "parser");
    Objects.requireNonNull(format, "format");
    if (chunkSize < 0) {
      throw new IllegalArgumentException("--chunk-size must be positive");
    }
    if (chunkSize > 0 && originalReads) {
      throw new IllegalArgumentException("--chunk-size and --original-reads exclude each other");
    }
  }

  /** {@code file} at recorded speed, recorded reads, default parser, text. */
  public static ReplayOptions of(Path file) {
    return new ReplayOptions(file, Speed.REALTIME, 0, false, SseParsers.DEFAULT, Format.TEXT);
  }

  /**
   * Parses command-line words (after {@code replay}): {@code FILE} and the options in any order,
   * as {@code --opt value} or {@code --opt=value}.
   *
   * @throws IllegalArgumentException with a one-line message naming the problem
   */
  public static ReplayOptions parse(List<String> args) {
    Path file = null;
    Speed speed = Speed.REALTIME;
    int chunk = 0;
    boolean original = false;
    String parser = SseParsers.DEFAULT;
    Format format = Format.TEXT;
    for (CliWords.Word w : CliWords.split(args, Set.of("--original-reads"),
        Set.of("--speed", "--chunk-size", "--parser", "--format"), USAGE)) {
      String v = w.value();
      if (w.option() == null) {
        if (file != null) {
          throw new IllegalArgumentException("unexpected '" + v + "'; usage: " + USAGE);
        }
        file = Path.of(v);
        continue;
      }
      switch (w.option()) {
        case "--speed" -> speed = Speed.parse(v);
        case "--chunk-size" -> chunk = positive(v, w.option());
        case "--original-reads" -> original = true;
        case "--parser" -> parser = v;
        default -> format = Format.parse(v);
      }
    }
    if (file == null) {
      throw new IllegalArgumentException("missing FILE; usage: " + USAGE);
    }
    return new ReplayOptions(file, speed, chunk, original, parser, format);
  }

  static int positive(String s, String option) {
    try {
      int n = Integer.parseInt(s);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new IllegalArgumentException(option + " must be a positive integer, not '" + s + "'");
  }
}
