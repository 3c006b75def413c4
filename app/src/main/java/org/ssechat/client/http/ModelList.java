package org.ssechat.client.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ssechat.failure.ChatException;
import org.ssechat.failure.Failures;

/**
 * The answer to {@code GET /v1/models}: model ids (read by the parser module's
 * {@link org.ssechat.chat.ModelList}), or a one-line error.
 */
final class ModelList {
  /** The largest model list read: {@value} bytes (OpenRouter's list of 300+ models is ~1 MiB). */
  static final int MAX_BODY = 8 * 1024 * 1024;
  /** How much of a body that is not JSON is quoted. */
  private static final int MAX_QUOTED_BODY = 4096;

  private ModelList() {}

  /**
   * Reads at most {@link #MAX_BODY} bytes of {@code in} before {@code deadlineNanos}; a body that
   * is longer or slower is a one-line error. Closes {@code in}.
   */
  static byte[] readBody(InputStream in, long deadlineNanos, URI uri, Duration timeout) {
    long wait = Math.max(0, deadlineNanos - System.nanoTime());
    AtomicBoolean timedOut = new AtomicBoolean();
    CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> {
      timedOut.set(true);
      closeQuietly(in);
    }, CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS));
    try (in) {
      byte[] body = in.readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        throw new ChatException("the model list from " + uri.getHost() + " is larger than "
            + MAX_BODY + " bytes");
      }
      return body;
    } catch (IOException e) {
      throw new ChatException(timedOut.get()
          ? "the model list from " + uri.getHost() + " did not arrive within "
              + TransportErrors.seconds(timeout)
          : "reading the model list from " + uri.getHost() + " failed: "
              + Failures.messageOf(e));
    } finally {
      watchdog.cancel(false);
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // the reader sees the stream closed
    }
  }

  /**
   * @param location the {@code Location} header, or null
   * @throws ChatException for an error status, a redirect or a body that is not a model list
   */
  static List<String> read(int status, String location, byte[] body, URI uri, String key) {
    if (status / 100 == 3) {
      throw new ChatException(HttpErrors.redirect(status, uri, location, key));
    }
    if (status / 100 != 2) {
      throw new ChatException(HttpErrors.describe(status, uri, body,
          Math.min(body.length, HttpErrors.MAX_ERROR_BODY), key));
    }
    try {
      return org.ssechat.chat.ModelList.read(body, 0, body.length);
    } catch (IllegalArgumentException e) {
      throw new ChatException("the answer from " + uri + " is not a model list ("
          + e.getMessage() + "): " + HttpErrors.snippet(new String(body, 0,
              Math.min(body.length, MAX_QUOTED_BODY), StandardCharsets.UTF_8), key));
    }
  }
}
