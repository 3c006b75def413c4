package org.ssechat.serve;

import org.ssechat.chat.ChatStreamDecoder.Dialect;
import tools.jackson.databind.JsonNode;

/** The prompt a request asks about, in each API's request shape (recordings are chosen by it). */
final class RequestPrompts {
  private RequestPrompts() {}

  /** The text of the last {@code user} message (string content, or its text parts joined). */
  static String lastUserMessage(JsonNode messages) {
    String last = null;
    for (JsonNode m : messages) {
      if (!"user".equals(m.path("role").asString(""))) {
        continue;
      }
      JsonNode c = m.path("content");
      if (c.isString()) {
        last = c.asString();
      } else if (c.isArray()) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : c) {
          if (part.path("text").isString()) {
            sb.append(part.path("text").asString());
          }
        }
        last = sb.toString();
      }
    }
    return last;
  }

  /** The user's last words in a Messages ({@code messages}) or Responses ({@code input}) body. */
  static String prompt(JsonNode req, Dialect dialect) {
    JsonNode items = dialect == Dialect.MESSAGES ? req.path("messages") : req.path("input");
    if (items.isString()) {
      return items.asString();
    }
    return items.isArray() ? lastUserMessage(items) : null;
  }
}
