package org.ssechat.client.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.ssechat.chat.StreamError;
import org.ssechat.client.ChatResult;
import org.ssechat.client.ResponseStreamProcessor;
import org.ssechat.failure.Failures;

/** A non-streamed JSON answer to a streaming request (servers that ignore {@code stream:true}). */
final class JsonAnswer {
  private JsonAnswer() {}

  /**
   * Delivers a 200 JSON body: a {@code chat.completion} goes through the processor's own chunk
   * decoder (its {@code message} read as one delta of each kind) and gives a normal result with a
   * warning; an error object gives ERROR; anything else that is not JSON gives ERROR with a
   * snippet.
   */
  static ChatResult deliver(ResponseStreamProcessor p, byte[] b, int status, URI uri,
      String key) {
    StreamError error = StreamError.fromJson(b, 0, b.length);
    if (error != null) {
      return p.fail("HTTP " + status + " from " + uri.getHost() + " with an error: "
          + Failures.excerpt(error.describe(), key));
    }
    p.warn("the server sent one JSON answer instead of a stream");
    if (!p.decodeDocument(b, 0, b.length)) {
      return p.fail("the answer from " + uri.getHost() + " is not valid JSON: "
          + HttpErrors.snippet(new String(b, StandardCharsets.UTF_8), key));
    }
    return p.finish();
  }
}
