package org.ssechat.replay;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.springframework.shell.core.command.CommandOption;
import org.ssechat.cli.Args;
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
 * @param raw           whether {@code --format text} shows the model's text unsanitized
 */
public record ReplayOptions(Path file, Speed speed, int chunkSize, boolean originalReads,
    String parser, Format format, boolean raw) {

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
      + "[--chunk-size N | --original-reads] [--parser NAME] [--format text|events|summary] [--raw]";

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
    return new ReplayOptions(file, Speed.REALTIME, 0, false, SseParsers.DEFAULT, Format.TEXT,
        false);
  }

  /** The options, declared once for the REPL, the command line and help. */
  public static final List<CommandOption> OPTIONS = List.of(
      Args.valued("speed", 's', "1|2|10|max (default 1: recorded pacing)"),
      Args.valued("chunk-size", 'c', "cut the body into reads of N bytes"),
      Args.flag("original-reads", "replay the recorded read boundaries (the default with a "
          + "sidecar)"),
      Args.valued("parser", 'p', "SSE parser: " + String.join(", ", SseParsers.names())),
      Args.valued("format", 'f', "text|events|summary (default text)"),
      Args.flag("raw", "text format: show the model's text unsanitized"));

  /**
   * Reads the options from a parsed {@code replay} command line: {@code FILE} and the options in
   * any order.
   *
   * @throws IllegalArgumentException with a one-line message naming the problem
   */
  public static ReplayOptions from(Args a) {
    List<String> words = a.positional();
    if (words.isEmpty()) {
      throw new IllegalArgumentException("missing FILE; usage: " + USAGE);
    }
    if (words.size() > 1) {
      throw new IllegalArgumentException("unexpected '" + words.get(1) + "'; usage: " + USAGE);
    }
    String speed = a.value("speed");
    String chunk = a.value("chunk-size");
    String parser = a.value("parser");
    String format = a.value("format");
    return new ReplayOptions(Path.of(words.get(0)),
        speed == null ? Speed.REALTIME : Speed.parse(speed),
        chunk == null ? 0 : positive(chunk, "--chunk-size"), a.flag("original-reads"),
        parser == null ? SseParsers.DEFAULT : parser,
        format == null ? Format.TEXT : Format.parse(format), a.flag("raw"));
  }

  /** {@link #from(Args)} for process arguments (after {@code replay}). */
  public static ReplayOptions parse(List<String> argv) {
    return from(Args.parse(OPTIONS, argv));
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
