package org.ssechat.serve;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import org.ssechat.chat.ChatChunkDecoder;
import org.ssechat.chat.ChatStreamDecoder.Dialect;
import org.ssechat.record.Recording;
import org.ssechat.replay.Player;
import org.ssechat.replay.ReadPlan;
import org.ssechat.replay.Speed;
import org.ssechat.sse.SseLimits;
import org.ssechat.sse.SseParser;
import org.ssechat.sse.SseParsers;

/**
 * Serves a Chat Completions recording to a client of another API, translated on the fly: the
 * recording is decoded as it plays (its read boundaries and pacing kept) and each read's deltas
 * go out as that dialect's events ({@link MessagesEventWriter}, {@link ResponsesEventWriter}). So
 * one recording library serves Chat Completions, Anthropic Messages and OpenAI Responses clients.
 */
final class TranslatedStream {
  private TranslatedStream() {}

  /**
   * Streams {@code rec} as {@code dialect} events to {@code ex}.
   *
   * @return whether the whole recording was sent (false: the client went away or the server
   *     stopped)
   */
  static boolean stream(HttpExchange ex, Recording rec, Dialect dialect, String requestedModel,
      Player player, Speed speed, CountDownLatch stopped) throws IOException {
    DialectEventWriter writer = dialect == Dialect.MESSAGES
        ? new MessagesEventWriter(requestedModel) : new ResponsesEventWriter(requestedModel);
    SseParser parser = SseParsers.create(SseParsers.DEFAULT, new ChatChunkDecoder(writer),
        SseLimits.DEFAULTS);
    Headers h = ex.getResponseHeaders();
    h.set("Content-Type", "text/event-stream");
    h.set("Cache-Control", "no-cache");
    h.set("X-Ssechat-Recording", rec.name());
    ex.sendResponseHeaders(200, 0); // chunked
    OutputStream out = ex.getResponseBody();
    boolean complete;
    try {
      complete = player.play(rec.body(), ReadPlan.original(rec, speed), (b, off, len) -> {
        parser.feed(b, off, len);
        send(out, writer.drain());
      }, stopped);
      if (complete) {
        parser.endOfInput();
        writer.finish();
        send(out, writer.drain());
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
