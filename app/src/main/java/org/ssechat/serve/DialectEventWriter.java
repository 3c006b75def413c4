package org.ssechat.serve;

import java.nio.charset.StandardCharsets;
import org.ssechat.chat.ChatDeltaListener;
import org.ssechat.chat.ChatStreamDecoder.Dialect;
import org.ssechat.chat.StreamError;
import org.ssechat.chat.Usage;
import tools.jackson.core.io.JsonStringEncoder;

/**
 * Re-encodes a decoded answer (from a recording in any dialect) as one dialect's event stream,
 * delta by delta: what {@code serve} sends to a client whose API is not the recording's. It is fed the decoder's callbacks as the recording plays; {@link
 * #drain()} hands out the events written since the last call, so the recording's pacing carries
 * over. The terminal event is written by {@link #finish()} only if the recording finished (a
 * truncated recording stays truncated in every dialect).
 */
abstract class DialectEventWriter implements ChatDeltaListener {
  private final StringBuilder out = new StringBuilder();
  protected final String requestedModel;
  protected String model;
  protected String finishReason;
  protected Usage usage;

  DialectEventWriter(String requestedModel) {
    this.requestedModel = requestedModel;
  }

  /** The events written since the last call, as UTF-8 bytes. */
  final byte[] drain() {
    byte[] b = out.toString().getBytes(StandardCharsets.UTF_8);
    out.setLength(0);
    return b;
  }

  /** Writes the end of the stream (its terminal events if the answer finished). */
  abstract void finish();

  /** One SSE event without a name: one data line. */
  protected final void data(String line) {
    out.append("data: ").append(line).append("\n\n");
  }

  /** One SSE event with a name and one JSON data line. */
  protected final void event(String name, String json) {
    out.append("event: ").append(name).append("\ndata: ").append(json).append("\n\n");
  }

  /** {@code s} as a JSON string literal. */
  protected static String str(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    JsonStringEncoder.getInstance().quoteAsString(s, sb);
    return sb.append('"').toString();
  }

  protected static String str(char[] text, int off, int len) {
    return str(new String(text, off, len));
  }

  protected final String modelName() {
    return model != null ? model : requestedModel;
  }

  @Override
  public void onModel(String m) {
    model = m;
  }

  @Override
  public void onFinish(int choice, String reason) {
    finishReason = reason;
  }

  @Override
  public void onUsage(Usage u) {
    usage = u;
  }

  @Override
  public void onError(StreamError error) {
    start();
    error(error.message());
  }

  /** Writes what a stream in this dialect starts with, once (nothing for chat chunks). */
  abstract void start();

  /**
   * Writes an in-stream error event alone: no start events, so it can follow any bytes
   * already sent (an injected fault in the middle of a raw recording).
   */
  abstract void error(String message);

  /** The writer of {@code dialect}'s events, naming {@code requestedModel} (null: its own). */
  static DialectEventWriter of(Dialect dialect, String requestedModel) {
    return switch (dialect) {
      case CHAT -> new ChatChunkEventWriter(requestedModel);
      case MESSAGES -> new MessagesEventWriter(requestedModel);
      case RESPONSES -> new ResponsesEventWriter(requestedModel);
    };
  }

  /**
   * The bytes of {@code dialect}'s in-stream error event carrying {@code message}, to follow the
   * first {@code length} bytes of a stream in that dialect ({@code sent}): alone (no start
   * events), and numbered after those bytes where the dialect numbers its events.
   */
  static byte[] errorAfter(Dialect dialect, String message, byte[] sent, int length) {
    DialectEventWriter w = of(dialect, null);
    w.continueAfter(sent, length);
    w.error(message);
    return w.drain();
  }

  /**
   * Goes on from the first {@code length} bytes of a stream in this dialect, written by someone
   * else: events this writer adds follow theirs. Nothing to do for a dialect that does not number
   * its events.
   */
  void continueAfter(byte[] sent, int length) {}

  protected static long count(long n) {
    return Math.max(0, n);
  }
}
