package org.ssechat.serve;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import org.ssechat.chat.ChatStreamDecoder.Dialect;
import org.ssechat.record.Recording;
import org.ssechat.replay.Pacing;
import org.ssechat.replay.Player;

/**
 * Serves a recording to a client of another API, translated on the fly: the recording is decoded
 * in its own dialect as it plays (its read boundaries and pacing kept) and each read's deltas go
 * out as the client's dialect's events ({@link Translation}: {@link ChatChunkEventWriter},
 * {@link MessagesEventWriter}, {@link ResponsesEventWriter}). So one recording library serves
 * Chat Completions, Anthropic Messages and OpenAI Responses clients, whatever each recording is.
 */
final class TranslatedStream {
  private TranslatedStream() {}

  /**
   * Streams {@code rec} (in {@code from}) as {@code dialect} events to {@code ex}.
   *
   * @return whether the whole recording was sent (false: the client went away or the server
   *     stopped)
   */
  static boolean stream(HttpExchange ex, Recording rec, Dialect from, Dialect dialect,
      String requestedModel, Player player, Pacing pacing, CountDownLatch stopped)
      throws IOException {
    Translation translation = new Translation(from, dialect, requestedModel);
    Headers h = ex.getResponseHeaders();
    h.set("Content-Type", "text/event-stream");
    h.set("Cache-Control", "no-cache");
    h.set("X-Ssechat-Recording", rec.name());
    ex.sendResponseHeaders(200, 0); // chunked
    OutputStream out = ex.getResponseBody();
    boolean complete;
    try {
      complete = player.play(rec.body(), pacing.plan(rec),
          (b, off, len) -> send(out, translation.feed(b, off, len)), stopped);
      if (complete) {
        send(out, translation.finish());
      }
      out.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return complete;
  }

  private static void send(OutputStream out, byte[] events) throws IOException {
    if (events.length > 0) {
      out.write(events);
      out.flush();
    }
  }
}
