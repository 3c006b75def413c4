package org.ssechat.replay;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import org.ssechat.chat.ChatDeltaListener;
import org.ssechat.client.Cancellation;
import org.ssechat.client.ChatResult;
import org.ssechat.client.ResponseStreamProcessor;
import org.ssechat.sse.SseLimits;

/**
 * Plays a recording through the same {@link ResponseStreamProcessor} (SSE parser + chunk decoder
 * + outcome rules) as a live answer, so a replayed answer has exactly the deltas and
 * {@link ChatResult} the live one had.
 */
public final class RecordingStreams {

  private RecordingStreams() {}

  /** Decodes the whole recording at once, with no listener: the answer it holds. */
  public static ChatResult decode(Recording rec, String requestedModel) {
    return play(rec, ReadPlan.original(rec, Speed.MAX), requestedModel,
        new ChatDeltaListener() {}, new Player(PacingClock.SYSTEM), new Cancellation());
  }

  /**
   * Feeds {@code rec} to a new stream processor read by read, as {@code plan} says, with deltas
   * going to {@code listener} on the calling thread. Returns when the body is exhausted, parsing
   * failed, or {@code cancel} fired (then promptly, even in the middle of a pause: the result is
   * CANCELLED with the partial answer).
   */
  public static ChatResult play(Recording rec, ReadPlan plan, String requestedModel,
      ChatDeltaListener listener, Player player, Cancellation cancel) {
    ResponseStreamProcessor p = new ResponseStreamProcessor(requestedModel, listener,
        SseLimits.DEFAULTS, System.nanoTime());
    CountDownLatch stop = new CountDownLatch(1);
    cancel.onCancel(stop::countDown);
    try {
      player.play(rec.body(), plan, (b, off, len) -> {
        p.feed(b, off, len);
        if (p.failed()) {
          stop.countDown();
        }
      }, stop);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return p.cancelled();
    } catch (IOException e) {
      return p.fail(e.getMessage() + " — partial answer kept"); // the sink never throws
    }
    return cancel.isCancelled() ? p.cancelled() : p.finish();
  }
}
