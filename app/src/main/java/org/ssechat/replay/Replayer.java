package org.ssechat.replay;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Function;
import org.ssechat.chat.ChatAccumulator;
import org.ssechat.chat.ChatDeltaListener;
import org.ssechat.chat.StreamError;
import org.ssechat.chat.ToolCall;
import org.ssechat.chat.Usage;
import org.ssechat.client.Cancellation;
import org.ssechat.client.ChatResult;
import org.ssechat.failure.ExitCodes;
import org.ssechat.failure.Failures;
import org.ssechat.record.Recording;
import org.ssechat.sse.SseEvent;
import org.ssechat.sse.SseLimitException;
import org.ssechat.sse.SseLimits;
import org.ssechat.sse.SseListener;
import org.ssechat.sse.SseParser;
import org.ssechat.sse.SseParsers;
import org.ssechat.sse.SseStreamEnd;
import org.ssechat.sse.Utf8;
import org.ssechat.text.TerminalText;

/**
 * {@code ssechat replay FILE} and {@code /replay FILE}: plays a recording in one of three formats
 * (see {@link ReplayOptions.Format}).
 *
 * <p>{@code text} goes through the same stream processor and renderer ({@link TextView}) as a
 * live answer. {@code events} prints each SSE event as it is parsed (paced like the recording).
 * {@code summary} decodes the whole recording at once (no pacing) and prints a report.
 *
 * <p>Problems the user should fix (missing file, unknown parser, bad options) give one line on
 * {@code err} and a non-zero exit code; whatever the stream itself holds (truncation, in-stream
 * errors) is reported in the output and still exits 0.
 */
public final class Replayer {

  /**
   * How {@code --format text} shows one answer: the live answer's renderer. Wire it as
   * <pre>{@code
   * out -> {
   *   AnswerRenderer r = new AnswerRenderer(out, new AnswerRenderer.Options(ansi, true));
   *   return new Replayer.TextView(r, r::finish);
   * }
   * }</pre>
   *
   * @param listener receives the deltas as the replay streams
   * @param finish   shows the end of the answer: stats line, outcome, error
   */
  public record TextView(ChatDeltaListener listener, Consumer<ChatResult> finish) {}

  private final PacingClock clock;
  private final Function<PrintWriter, TextView> textViews;

  /**
   * @param clock     paces {@code text} and {@code events} ({@link PacingClock#SYSTEM} in
   *                  production)
   * @param textViews makes the view of one answer written to a writer (see {@link TextView})
   */
  public Replayer(PacingClock clock, Function<PrintWriter, TextView> textViews) {
    this.clock = clock;
    this.textViews = textViews;
  }

  /** Runs with no way to cancel other than the end of the recording. */
  public int run(ReplayOptions options, PrintWriter out, PrintWriter err) {
    return run(options, out, err, new Cancellation());
  }

  /**
   * Replays {@code options.file()} to {@code out}; warnings and errors go to {@code err}.
   *
   * @param cancel stops a paced replay promptly (Ctrl-C in the REPL)
   * @return {@link ExitCodes#OK}, {@link ExitCodes#ERROR} or {@link ExitCodes#USAGE}
   */
  public int run(ReplayOptions options, PrintWriter out, PrintWriter err, Cancellation cancel) {
    try {
      if (!SseParsers.names().contains(options.parser())) {
        err.println("error: unknown parser '" + options.parser() + "' (known: "
            + String.join(", ", SseParsers.names()) + ")");
        return ExitCodes.USAGE;
      }
      Recording rec;
      try {
        rec = Recording.load(options.file());
      } catch (IOException e) {
        err.println("error: cannot read " + options.file() + ": " + Failures.ioReason(e));
        return ExitCodes.ERROR;
      }
      if (rec.warning() != null) {
        err.println("warning: " + TerminalText.oneLine(rec.warning(), Integer.MAX_VALUE));
      }
      if (options.originalReads() && !rec.hasTiming()) {
        err.println("warning: " + options.file() + " has no sidecar, so no recorded reads: using "
            + ReadPlan.DEFAULT_CHUNK_SIZE + "-byte reads");
      }
      ReadPlan plan = options.chunkSize() > 0
          ? ReadPlan.fixed(rec, options.chunkSize(), options.speed())
          : ReadPlan.original(rec, options.speed());
      return switch (options.format()) {
        case TEXT -> text(rec, plan, options, out, err, cancel);
        case EVENTS -> events(rec, plan, options, out, err, cancel);
        case SUMMARY -> summary(rec, options, out);
      };
    } finally {
      out.flush();
      err.flush();
    }
  }

  private int text(Recording rec, ReadPlan plan, ReplayOptions options, PrintWriter out,
      PrintWriter err, Cancellation cancel) {
    TextView view = textViews.apply(out);
    ChatResult result = RecordingStreams.play(rec, plan,
        RecordingStreams.processor(requestedModel(rec), view.listener(),
            options.parser()),
        new Player(clock), cancel);
    view.finish().accept(result);
    return ExitCodes.OK;
  }

  private int events(Recording rec, ReadPlan plan, ReplayOptions options, PrintWriter out,
      PrintWriter err, Cancellation cancel) {
    SseParser parser = SseParsers.create(options.parser(),
        event -> out.println(TerminalText.sanitize(event.toMessage().toJson())),
        SseLimits.DEFAULTS);
    CountDownLatch stop = new CountDownLatch(1);
    cancel.onCancel(stop::countDown);
    try {
      new Player(clock).play(rec.body(), plan, (b, off, len) -> {
        parser.feed(b, off, len);
        out.flush();
      }, stop);
    } catch (SseLimitException e) {
      err.println("error: " + e.getMessage());
      return ExitCodes.ERROR;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCodes.OK;
    } catch (IOException e) {
      throw new IllegalStateException(e); // the sink writes to a PrintWriter and never throws
    }
    if (!cancel.isCancelled()) {
      SseStreamEnd end = parser.endOfInput();
      if (end.truncated()) {
        err.println("warning: " + tailNote(end));
      }
    }
    return ExitCodes.OK;
  }

  private int summary(Recording rec, ReplayOptions options, PrintWriter out) {
    Scan scan = new Scan();
    SseParser parser = SseParsers.create(options.parser(), scan, SseLimits.DEFAULTS);
    String limitFailure = null;
    SseStreamEnd end = null;
    try {
      parser.feed(rec.body(), 0, rec.body().length);
      end = parser.endOfInput();
    } catch (SseLimitException e) {
      limitFailure = e.getMessage();
    }
    ChatAccumulator found = new ChatAccumulator();
    ChatResult r = RecordingStreams.play(rec, ReadPlan.original(rec, Speed.MAX),
        RecordingStreams.processor(requestedModel(rec), found, options.parser()),
        new Player(clock), new Cancellation());

    List<String> warnings = new ArrayList<>();
    if (rec.warning() != null) {
      warnings.add(rec.warning());
    }
    if (limitFailure != null) {
      warnings.add("parser limit exceeded: " + limitFailure);
    }
    if (!found.doneSeen()) {
      warnings.add("no [DONE]");
    }
    if (r.finishReason() == null) {
      warnings.add("no finish_reason");
    }
    if (!found.malformed().isEmpty()) {
      warnings.add(found.malformed().size() + " malformed JSON event(s) skipped, first: "
          + found.malformed().get(0));
    }
    if (scan.comments > 0) {
      warnings.add(scan.comments + " comment line(s) seen (keep-alives), first: "
          + scan.firstComment);
    }
    if (end != null && end.truncated()) {
      warnings.add(tailNote(end));
    }
    for (StreamError e : found.errors()) {
      warnings.add("in-stream error: " + e.describe());
    }

    String file = options.file().toString();
    row(out, "recording", file + " (" + rec.body().length + " bytes, "
        + (rec.hasTiming() ? "sidecar with " + rec.reads().size() + " reads" : "no sidecar")
        + ")");
    String host = rec.providerHost();
    row(out, "provider", host != null ? host : "unknown (no sidecar URL)");
    row(out, "model", found.model() != null ? found.model()
        : "unknown (no model in the chunks)");
    row(out, "events", scan.events + " (parser " + options.parser() + ")");
    row(out, "chunks", r.metrics().reads() + (rec.hasTiming() ? " recorded read(s)"
        : " read(s) of up to " + ReadPlan.DEFAULT_CHUNK_SIZE + " bytes (no recorded reads)"));
    row(out, "outcome", r.outcome().label() + (r.error() != null ? ": " + r.error() : ""));
    row(out, "finish", r.finishReason() != null ? r.finishReason() : "none");
    row(out, "usage", usage(r.usage()));
    row(out, "answer", r.content().length() + " chars of content, " + r.reasoning().length()
        + " chars of reasoning, " + toolCalls(r.toolCalls()));
    row(out, "gaps", rec.hasTiming()
        ? "max " + millis(rec.maxGapUs()) + " between reads; first read at "
            + millis(rec.reads().get(0).tUs()) + ", last at "
            + millis(rec.reads().get(rec.reads().size() - 1).tUs())
        : "unknown (no sidecar)");
    if (warnings.isEmpty()) {
      row(out, "warnings", "none");
    } else {
      row(out, "warnings", warnings.size() + "");
      for (String w : warnings) {
        out.println("  - " + TerminalText.oneLine(w, Integer.MAX_VALUE));
      }
    }
    return ExitCodes.OK;
  }

  private static String requestedModel(Recording rec) {
    return rec.model() != null ? rec.model() : rec.name();
  }

  private static void row(PrintWriter out, String key, String value) {
    out.printf(Locale.ROOT, "%-10s %s%n", key, TerminalText.oneLine(value, Integer.MAX_VALUE));
  }

  private static String usage(Usage u) {
    if (u == null) {
      return "none";
    }
    StringBuilder sb = new StringBuilder();
    sb.append("prompt ").append(count(u.promptTokens()))
        .append(", completion ").append(count(u.completionTokens()))
        .append(", total ").append(count(u.totalTokens()));
    if (u.reasoningTokens() >= 0) {
      sb.append(", reasoning ").append(u.reasoningTokens());
    }
    return sb.toString();
  }

  private static String count(long n) {
    return n < 0 ? "?" : Long.toString(n);
  }

  private static String toolCalls(List<ToolCall> calls) {
    if (calls.isEmpty()) {
      return "no tool calls";
    }
    StringBuilder sb = new StringBuilder().append(calls.size()).append(" tool call(s):");
    for (ToolCall c : calls) {
      sb.append(' ').append(c.name()).append('(').append(c.arguments().length())
          .append(" chars)");
    }
    return sb.toString();
  }

  private static String millis(long micros) {
    return micros < 10_000_000 ? String.format(Locale.ROOT, "%d ms", micros / 1000)
        : String.format(Locale.ROOT, "%.1f s", micros / 1e6);
  }

  private static String tailNote(SseStreamEnd end) {
    return end.discardedLineBytes() > 0
        ? "unterminated tail discarded: the body ends inside a line ("
            + end.discardedLineBytes() + " byte(s))"
        : "unterminated tail discarded: the last event has no closing blank line";
  }

  /** Counts events and comments under the chosen parser. */
  private static final class Scan implements SseListener {
    int events;
    int comments;
    String firstComment;

    @Override
    public void onEvent(SseEvent event) {
      events++;
    }

    @Override
    public void onComment(byte[] buf, int off, int len) {
      if (comments++ == 0) {
        firstComment = "':" + Utf8.decode(buf, off, Math.min(len, 60)).strip() + "'";
      }
    }
  }
}
