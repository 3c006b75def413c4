package org.ssechat.replay;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.ssechat.chat.ChatDeltaListener;
import org.ssechat.chat.ChatStreamDecoder;
import org.ssechat.client.Cancellation;
import org.ssechat.client.ChatResult;
import org.ssechat.client.Demand;
import org.ssechat.client.ResponseOptions;
import org.ssechat.client.ResponseStreamProcessor;
import org.ssechat.record.RecordedExchange;
import org.ssechat.record.Recording;
import org.ssechat.sse.SseParsers;

/**
 * Plays a recording through the same {@link ResponseStreamProcessor} (SSE parser + chunk decoder
 * + outcome rules) as a live answer, so a replayed answer has exactly the deltas and
 * {@link ChatResult} the live one had.
 */
public final class RecordingStreams {

  private RecordingStreams() {}

  /** Decodes the whole recording at once, with no listener: the answer it holds. */
  public static ChatResult decode(Recording rec, String requestedModel) {
    return play(rec, ReadPlan.original(rec, Speed.MAX), processor(requestedModel,
        new ChatDeltaListener() {}, SseParsers.DEFAULT), new Player(PacingClock.SYSTEM),
        new Cancellation());
  }

  /** A processor for one replayed answer, timed from now. */
  public static ResponseStreamProcessor processor(String requestedModel,
      ChatDeltaListener listener, String parser) {
    return new ResponseStreamProcessor(requestedModel, listener,
        ResponseOptions.DEFAULTS.withParser(parser), System.nanoTime());
  }

  /**
   * Feeds {@code rec} to {@code p} read by read, as {@code plan} says, on the calling thread.
   * The body is decoded in the dialect it is in (Chat Completions, Anthropic Messages or OpenAI
   * Responses), detected from its first events, whatever dialect {@code p} was made for.
   * Returns when the body is exhausted, decoding asked to stop, or {@code cancel} fired (then
   * promptly, even in the middle of a pause: the result is CANCELLED with the partial answer).
   */
  public static ChatResult play(Recording rec, ReadPlan plan, ResponseStreamProcessor p,
      Player player, Cancellation cancel) {
    CountDownLatch stop = new CountDownLatch(1);
    cancel.onCancel(stop::countDown);
    p.decodeAs(ChatStreamDecoder.detect(rec.body(), 0, rec.body().length));
    p.begin(head(rec));
    try {
      player.play(rec.body(), plan, (b, off, len) -> {
        if (p.feed(b, off, len, System.nanoTime()) == Demand.STOP) {
          stop.countDown();
        }
      }, stop);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return p.cancelled();
    } catch (IOException e) {
      return p.fail(e.getMessage()); // the sink never throws
    }
    return cancel.isCancelled() ? p.cancelled() : p.finish();
  }

  /** The metadata a recording of a replayed answer keeps: where it came from. */
  private static RecordedExchange head(Recording rec) {
    return new RecordedExchange("POST", rec.requestUrl() != null ? rec.requestUrl()
        : "replay:" + rec.name(), rec.model(), Map.of(), 200,
        Map.of("content-type", List.of("text/event-stream")), rec.prompt());
  }
}
