package org.ssechat.sse;

import java.util.Objects;

/**
 * An owned, decoded event: the result model of the conformance vectors and of the dump tool.
 *
 * @param event the event type ({@code "message"} by default)
 * @param data  the data, lines joined with LF
 * @param id    the last event ID at dispatch, {@code null} if none was ever accepted
 */
public record SseMessage(String event, String data, String id) {
  public SseMessage {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(data, "data");
  }

  /** One JSON object on one line: {@code {"event":"message","data":"...","id":null}}. */
  public String toJson() {
    StringBuilder sb = new StringBuilder(data.length() + event.length() + 40);
    sb.append("{\"event\":");
    Json.quote(sb, event);
    sb.append(",\"data\":");
    Json.quote(sb, data);
    sb.append(",\"id\":");
    if (id == null) {
      sb.append("null");
    } else {
      Json.quote(sb, id);
    }
    return sb.append('}').toString();
  }
}
