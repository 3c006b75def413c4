package org.ssechat.sse;

import java.util.Objects;

/**
 * An owned, decoded event: the result model of the conformance vectors and of the dump tool.
 *
 * <p>Its components carry {@link SseEvent}'s names ({@code type}, {@code data},
 * {@code lastEventId}); only {@link #toJson()} writes the dump format's keys ({@code event},
 * {@code id}).
 *
 * @param type        the event type ({@code "message"} by default)
 * @param data        the data, lines joined with LF
 * @param lastEventId the last event ID at dispatch, {@code null} if none was ever accepted
 */
public record SseMessage(String type, String data, String lastEventId) {
  public SseMessage {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
  }

  /** One JSON object on one line: {@code {"event":"message","data":"...","id":null}}. */
  public String toJson() {
    StringBuilder sb = new StringBuilder(data.length() + type.length() + 40);
    sb.append("{\"event\":");
    Json.quote(sb, type);
    sb.append(",\"data\":");
    Json.quote(sb, data);
    sb.append(",\"id\":");
    if (lastEventId == null) {
      sb.append("null");
    } else {
      Json.quote(sb, lastEventId);
    }
    return sb.append('}').toString();
  }
}
