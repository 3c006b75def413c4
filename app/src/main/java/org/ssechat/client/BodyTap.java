package org.ssechat.client;

import java.nio.ByteBuffer;
import org.ssechat.record.RecordedExchange;

/**
 * Sees the raw bytes of a response as they arrive, before anything decodes them: a tee on the
 * byte stream. Recording is one ({@link RecordingTap}). A {@link ResponseStreamProcessor} drives
 * its tap, so every source of bytes (HTTP, the offline provider, replay) can be tapped the same
 * way. Calls come from the thread that feeds the processor, in order:
 * {@code begin (read)* [begin (read)*]… end}: a source that retries begins again.
 */
public interface BodyTap {

  /**
   * A response begins: its status and headers are known, no body byte has arrived yet.
   *
   * @param head       the request and response metadata (may hold secrets: redact before
   *                   keeping)
   * @param startNanos {@link System#nanoTime()} when this request was sent
   */
  void begin(RecordedExchange head, long startNanos);

  /** One read: the remaining bytes of {@code buf}, whose position must not move. */
  void read(ByteBuffer buf, long arrivalNanos);

  /** The response ended. Returns a warning for the result (a failed recording), or null. */
  String end();
}
