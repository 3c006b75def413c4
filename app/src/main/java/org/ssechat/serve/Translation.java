package org.ssechat.serve;

import org.ssechat.chat.ChatStreamDecoder;
import org.ssechat.chat.ChatStreamDecoder.Dialect;
import org.ssechat.sse.SseLimits;
import org.ssechat.sse.SseParser;
import org.ssechat.sse.SseParsers;

/**
 * A recording in one dialect re-encoded as another's events, as its bytes arrive: decoded with
 * the recording's decoder, written by the client's {@link DialectEventWriter}. Both serve
 * engines play translated streams through this. Not thread-safe.
 */
final class Translation {
  private final SseParser parser;
  private final DialectEventWriter writer;

  /** From {@code from} to {@code to}, naming {@code model} in the events that carry a model. */
  Translation(Dialect from, Dialect to, String model) {
    this.writer = DialectEventWriter.of(to, model);
    this.parser = SseParsers.create(SseParsers.DEFAULT, ChatStreamDecoder.of(from, writer),
        SseLimits.DEFAULTS);
  }

  /** The events these bytes of the recording complete; empty if none yet. */
  byte[] feed(byte[] bytes, int off, int len) {
    parser.feed(bytes, off, len);
    return writer.drain();
  }

  /** The recording ended: the events still held, and the closing ones. */
  byte[] finish() {
    parser.endOfInput();
    writer.finish();
    return writer.drain();
  }

  /** An in-stream error event, continuing the events written so far. */
  byte[] error(String message) {
    writer.error(message);
    return writer.drain();
  }
}
