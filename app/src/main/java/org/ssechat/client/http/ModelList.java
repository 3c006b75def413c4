package org.ssechat.client.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ssechat.failure.ChatException;

/**
 * The answer to {@code GET /v1/models}: model ids (read by the parser module's
 * {@link org.ssechat.chat.ModelList}), or a one-line error.
 */
final class ModelList {
  /** How much of a body that is not JSON is quoted. */
  private static final int MAX_QUOTED_BODY = 4096;

  private ModelList() {}

  /**
   * @throws ChatException for an error status or a body that is not a model list
   */
  static List<String> read(int status, byte[] body, URI uri, String key) {
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
