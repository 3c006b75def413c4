package org.ssechat.client;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ssechat.chat.ChatAccumulator;
import org.ssechat.chat.ChatStreamDecoder;
import org.ssechat.chat.ChatDeltaListener;
import org.ssechat.chat.ChatDeltaListeners;
import org.ssechat.chat.Usage;
import org.ssechat.failure.Failures;
import org.ssechat.record.RecordedExchange;
import org.ssechat.sse.SseEvent;
import org.ssechat.sse.SseLimits;
import org.ssechat.sse.SseListener;
import org.ssechat.sse.SseParser;
import org.ssechat.sse.SseParsers;
import org.ssechat.sse.SseStreamEnd;

/**
 * Turns the raw bytes of one {@code text/event-stream} chat response into deltas for a listener
 * and, at the end, a {@link ChatResult}. Every source of bytes uses it: the HTTP backend, the
 * offline provider and replay.
 *
 * <pre>{@code
 * var p = new ResponseStreamProcessor("gpt-4o-mini", renderer, SseLimits.DEFAULTS, System.nanoTime());
 * p.begin(head);                                          // status and headers known
 * while ((n = in.read(buf)) > 0) {
 *   if (p.feed(buf, 0, n, System.nanoTime()) == Demand.STOP) break;
 * }
 * ChatResult r = p.finish();            // or fail("…"), or cancelled()
 * }</pre>
 *
 * <p>Bytes go straight into the SSE parser (no copies, no {@code String} per read); the parser
 * drives the chat chunk decoder, whose deltas go to the caller's listener and to this object's
 * own bookkeeping. Listener callbacks run on the thread that calls {@code feed}.
 *
 * <p>The outcome follows {@link OutcomeRules}. Events that are not valid JSON are skipped and
 * reported as one warning. Whatever the outcome, the result holds the partial answer.
 *
 * <p>An {@link org.ssechat.sse.SseLimitException} (or any other failure while parsing) does not
 * escape {@code feed}: it is remembered, later input is ignored, and {@code feed} returns
 * {@link Demand#STOP}. Every error message ends with {@code — partial answer kept} when an answer
 * had begun. A {@link BodyTap} (recording) sees every read and ends with the processor. Not
 * thread-safe: one instance per response, fed from one thread.
 */
public final class ResponseStreamProcessor {

  private final String requestedModel;
  private final ChatDeltaListener listener;
  private final long startNanos;
  private ChatStreamDecoder decoder;
  private SseParser parser;
  private final ChatAccumulator acc = new ChatAccumulator();
  private final AnswerProgress progress = new AnswerProgress();
  private final ChatDeltaListener sink;
  private final List<String> extraWarnings = new ArrayList<>();

  private final ResponseOptions options;
  private BodyTap tap;
  /** Arrival of the last read in which an event was dispatched (the comments-only limit). */
  private long lastEventNanos;
  /** Arrival of the previous read, and {@link #events} as it stood when that read was counted. */
  private long lastReadNanos;
  private int eventsSeen;
  private long firstByteNanos = -1;
  private int events;
  private int reads;
  private long bytes;
  private String failure;
  private boolean finished;

  /**
   * A processor with the default options, timed from now: what a {@link ChatBackend} gets when
   * the caller only has a listener.
   */
  public static ResponseStreamProcessor forRequest(ChatRequest request,
      ChatDeltaListener listener) {
    return new ResponseStreamProcessor(request.model(), listener, ResponseOptions.DEFAULTS,
        System.nanoTime());
  }

  /** A processor with the default options but {@code limits}. */
  public ResponseStreamProcessor(String requestedModel, ChatDeltaListener listener,
      SseLimits limits, long startNanos) {
    this(requestedModel, listener, ResponseOptions.DEFAULTS.withLimits(limits), startNanos);
  }

  /**
   * @param requestedModel the model asked for (reported if the stream names none)
   * @param listener       receives every delta, on the feeding thread
   * @param options        parser, limits, the secret to redact
   * @param startNanos     {@link System#nanoTime()} when the request was sent; timings count from it
   * @throws IllegalArgumentException for an unknown parser name
   */
  public ResponseStreamProcessor(String requestedModel, ChatDeltaListener listener,
      ResponseOptions options, long startNanos) {
    this.requestedModel = Objects.requireNonNull(requestedModel, "requestedModel");
    this.listener = Objects.requireNonNull(listener, "listener");
    this.options = Objects.requireNonNull(options, "options");
    this.startNanos = startNanos;
    this.lastEventNanos = startNanos;
    this.lastReadNanos = startNanos;
    // The accumulator goes first: if the caller's listener throws, the delta is still kept.
    this.sink = ChatDeltaListeners.tee(acc, progress, listener);
    decodeAs(options.dialect());
  }

  /**
   * Decodes the body as {@code dialect} rather than the one in the options: for a source that
   * knows the dialect from the body itself (a recording played offline or replayed). Only
   * before the first read.
   *
   * @throws IllegalStateException after a read
   */
  public void decodeAs(ChatStreamDecoder.Dialect dialect) {
    if (reads > 0) {
      throw new IllegalStateException("the body is already being decoded");
    }
    this.decoder = ChatStreamDecoder.of(dialect, sink);
    this.parser = SseParsers.create(options.parser(), new CountingSseListener(decoder),
        options.limits());
  }

  /**
   * Taps the raw body (e.g. records it): {@code tap} sees every byte given to {@link #feed} or
   * {@link #received}, and is ended with this processor. Set it before the first read.
   */
  public void tap(BodyTap tap) {
    this.tap = tap;
  }

  /** A response begins (for HTTP: each attempt with a status); the tap is told. */
  public void begin(RecordedExchange head) {
    if (tap != null) {
      tap.begin(head, startNanos);
    }
  }

  /**
   * One read of the body, tapped and decoded: all remaining bytes of {@code buf} (its position
   * moves to its limit).
   *
   * @param arrivalNanos {@link System#nanoTime()} when the read arrived
   * @return whether to go on reading
   */
  public Demand feed(ByteBuffer buf, long arrivalNanos) {
    received(buf, arrivalNanos);
    return decode(buf);
  }

  /**
   * One read of {@code len} bytes, tapped and decoded; {@code buf} is not kept and may be reused
   * at once.
   */
  public Demand feed(byte[] buf, int off, int len, long arrivalNanos) {
    Objects.checkFromIndexSize(off, len, buf.length);
    if (tap != null) {
      tap.read(ByteBuffer.wrap(buf, off, len), arrivalNanos);
    }
    count(len, arrivalNanos);
    if (failure == null && !finished) {
      try {
        parser.feed(buf, off, len);
      } catch (RuntimeException e) {
        fail(e);
      }
    }
    return demand();
  }

  /**
   * A read that the source keeps for itself for now (a body it has not yet classified, an error
   * body): tapped and counted, not decoded. Its position does not move.
   */
  public void received(ByteBuffer buf, long arrivalNanos) {
    if (tap != null) {
      tap.read(buf, arrivalNanos);
    }
    count(buf.remaining(), arrivalNanos);
  }

  /**
   * Decodes bytes already {@link #received}: all remaining bytes of {@code buf} (its position
   * moves to its limit).
   */
  public Demand decode(ByteBuffer buf) {
    if (failure != null || finished) {
      buf.position(buf.limit());
    } else {
      try {
        parser.feed(buf);
      } catch (RuntimeException e) {
        fail(e);
      }
    }
    return demand();
  }

  /**
   * Counts one read and checks the limits. Events are dispatched while the previous read was
   * decoded, so they are dated by that read's arrival; no clock is read per event.
   */
  private void count(int n, long now) {
    if (events != eventsSeen) {
      eventsSeen = events;
      lastEventNanos = lastReadNanos;
    }
    lastReadNanos = now;
    if (firstByteNanos < 0 && n > 0) {
      firstByteNanos = now;
    }
    reads++;
    bytes += n;
    if (failure != null) {
      return;
    }
    if (bytes > options.maxBodyBytes()) {
      failure = "the answer is larger than " + options.maxBodyBytes()
          + " bytes (limit ssechat.max-answer-bytes)";
    } else if (now - lastEventNanos > options.maxCommentsOnly().toNanos()) {
      failure = "no event for " + options.maxCommentsOnly().toSeconds()
          + "s, only keep-alive comments (limit ssechat.max-comments-only)";
    }
  }

  private Demand demand() {
    return failure != null ? Demand.STOP : acc.doneSeen() ? Demand.LINGER : Demand.MORE;
  }

  private void fail(RuntimeException e) {
    failure = Failures.oneLine(Failures.messageOf(e).strip().lines().findFirst().orElse(""));
  }

  /**
   * Decodes a whole JSON body that is not an event stream (a server that ignored
   * {@code stream: true} and sent one {@code chat.completion}) with the same decoder, so it gives
   * the same deltas and result a stream would. The bytes must already be {@link #received}.
   *
   * @return false if the body was not one valid JSON object (nothing was delivered)
   */
  public boolean decodeDocument(byte[] body, int off, int len) {
    int malformed = acc.malformed().size();
    if (failure == null && !finished) {
      try {
        decoder.onDocument(body, off, len);
      } catch (RuntimeException e) {
        fail(e);
      }
    }
    return acc.malformed().size() == malformed;
  }

  /**
   * The listener that does this processor's bookkeeping and forwards to the caller's listener:
   * for sources that produce deltas without any wire format (test fakes). Deltas pushed here
   * count exactly like decoded ones.
   */
  public ChatDeltaListener deltaSink() {
    return sink;
  }

  /** Adds a non-fatal finding to the result's warnings. */
  public void warn(String warning) {
    extraWarnings.add(Objects.requireNonNull(warning, "warning"));
  }

  /** The input ended normally (EOF). */
  public ChatResult finish() {
    return end(Outcome.TRUNCATED, null);
  }

  /**
   * Reading stopped because of a transport problem (connection lost, timeout …).
   *
   * @param message one line, e.g. {@code "no data for 60s (idle timeout)"}; the result adds
   *     {@code — partial answer kept} when an answer had begun
   */
  public ChatResult fail(String message) {
    return end(Outcome.ERROR, Objects.requireNonNull(message, "message"));
  }

  /** The user cancelled. */
  public ChatResult cancelled() {
    return end(Outcome.CANCELLED, "cancelled");
  }

  private ChatResult end(Outcome ending, String transportError) {
    if (finished) {
      throw new IllegalStateException("already finished");
    }
    finished = true;
    long endNanos = System.nanoTime();
    SseStreamEnd tail = failure == null ? parser.endOfInput() : null;
    List<String> warnings = new ArrayList<>(extraWarnings);
    List<String> malformed = acc.malformed();
    if (!malformed.isEmpty()) { // one warning, however many
      warnings.add("skipped " + malformed.size() + " malformed event(s): " + malformed.get(0));
    }
    String tailNote = tail != null && tail.truncated()
        ? "the stream ended inside an unterminated event (" + tail.discardedLineBytes()
            + " byte(s) of a last line discarded)"
        : null;
    OutcomeRules.Verdict v = OutcomeRules.decide(new OutcomeRules.Facts(
        ending == Outcome.CANCELLED, transportError,
        acc.errors().isEmpty() ? null : acc.errors().get(0).describe(), failure,
        acc.finishReason(), acc.doneSeen(), acc.usage() != null, tailNote,
        progress.outputStarted()));
    warnings.addAll(v.warnings());
    String error = v.error() == null ? null : Failures.oneLine(v.error(), options.secret());
    if (tap != null) {
      String tapProblem = tap.end();
      if (tapProblem != null) {
        warnings.add(tapProblem);
      }
    }
    Usage usage = acc.usage();
    boolean fromUsage = usage != null && usage.completionTokens() >= 0;
    Metrics metrics = new Metrics(millis(firstByteNanos), millis(progress.firstTokenNanos()),
        (endNanos - startNanos) / 1_000_000, events, reads, bytes,
        fromUsage ? usage.completionTokens() : acc.contentDeltas(), fromUsage);
    // A refusal replaces the answer, so it is shown where the answer would be.
    String content = acc.refusal().isEmpty() ? acc.content() : acc.content() + acc.refusal();
    return new ChatResult(v.outcome(), acc.model() != null ? acc.model() : requestedModel,
        content, acc.reasoning(), acc.toolCalls(), acc.finishReason(), usage, error,
        warnings.stream().map(w -> Failures.oneLine(w, options.secret())).toList(), metrics);
  }

  private long millis(long nanos) {
    return nanos < 0 ? -1 : (nanos - startNanos) / 1_000_000;
  }

  /** Counts dispatched events before handing them to the decoder. */
  private final class CountingSseListener implements SseListener {
    private final SseListener next;

    CountingSseListener(SseListener next) {
      this.next = next;
    }

    @Override
    public void onEvent(SseEvent event) {
      events++;
      next.onEvent(event);
    }

    @Override
    public void onComment(byte[] buf, int off, int len) {
      next.onComment(buf, off, len);
    }

    @Override
    public void onRetry(long millis) {
      next.onRetry(millis);
    }
  }
}
