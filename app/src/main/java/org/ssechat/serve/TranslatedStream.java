package org.ssechat.serve;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import org.ssechat.chat.ChatStreamDecoder;
import org.ssechat.chat.ChatStreamDecoder.Dialect;
import org.ssechat.record.Recording;
import org.ssechat.replay.Pacing;
import org.ssechat.replay.Player;
import org.ssechat.sse.SseLimits;
import org.ssechat.sse.SseParser;
import org.ssechat.sse.SseParsers;

/**
 * Serves a recording to a client of another API, translated on the fly: the recording is decoded
 * in its own dialect as it plays (its read boundaries and pacing kept) and each read's deltas go
 * out as the client's dialect's events ({@link ChatChunkEventWriter},
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
    DialectEventWriter writer = writer(dialect, requestedModel);
    SseParser parser = SseParsers.create(SseParsers.DEFAULT, ChatStreamDecoder.of(from, writer),
        SseLimits.DEFAULTS);
    Headers h = ex.getResponseHeaders();
    h.set("Content-Type", "text/event-stream");
    h.set("Cache-Control", "no-cache");
    h.set("X-Ssechat-Recording", rec.name());
    ex.sendResponseHeaders(200, 0); // chunked
    OutputStream out = ex.getResponseBody();
    boolean complete;
    try {
      complete = player.play(rec.body(), pacing.plan(rec), (b, off, len) -> {
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

  /** The writer of {@code dialect}'s events. */
  static DialectEventWriter writer(Dialect dialect, String requestedModel) {
    return switch (dialect) {
      case CHAT -> new ChatChunkEventWriter(requestedModel);
      case MESSAGES -> new MessagesEventWriter(requestedModel);
      case RESPONSES -> new ResponsesEventWriter(requestedModel);
    };
  }

  private static void send(OutputStream out, byte[] events) throws IOException {
    if (events.length > 0) {
      out.write(events);
      out.flush();
    }
  }
}
