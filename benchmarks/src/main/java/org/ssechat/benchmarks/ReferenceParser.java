package org.ssechat.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ssechat.sse.SseMessage;

/**
 * The expectation every contender is checked against: the WHATWG event-stream algorithm written
 * as plainly as possible over the whole decoded body, sharing no code with the parsers under test.
 */
public final class ReferenceParser {

  private ReferenceParser() {}

  /** The events of a complete body, in order (an unterminated last event is dropped). */
  public static List<SseMessage> parse(byte[] body) {
    return parse(body, false);
  }

  /**
   * Like {@link #parse(byte[])}; with {@code dispatchAtEof} the end of input also ends the last
   * line and dispatches a pending event, which the spec forbids but some clients do.
   */
  public static List<SseMessage> parse(byte[] body, boolean dispatchAtEof) {
    String text = new String(body, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    List<SseMessage> events = new ArrayList<>();
    StringBuilder data = new StringBuilder();
    String type = "";
    String lastId = null;
    int i = 0;
    while (i < text.length()) {
      int end = i;
      while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
        end++;
      }
      if (end == text.length() && !dispatchAtEof) {
        break; // no line end: not a line
      }
      String line = text.substring(i, end);
      i = end == text.length() ? end : end + (text.charAt(end) == '\r' && end + 1 < text.length()
          && text.charAt(end + 1) == '\n' ? 2 : 1);

      if (line.isEmpty()) {
        if (data.length() > 0) {
          data.setLength(data.length() - 1);
          events.add(new SseMessage(type.isEmpty() ? "message" : type, data.toString(), lastId));
        }
        data.setLength(0);
        type = "";
        continue;
      }
      if (line.startsWith(":")) {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "data" -> data.append(value).append('\n');
        case "event" -> type = value;
        case "id" -> {
          if (value.indexOf('\0') < 0) {
            lastId = value;
          }
        }
        default -> { } // retry and unknown fields do not change events
      }
    }
    if (dispatchAtEof && data.length() > 0) {
      data.setLength(data.length() - 1);
      events.add(new SseMessage(type.isEmpty() ? "message" : type, data.toString(), lastId));
    }
    return events;
  }
}
