package org.ssechat.sse.testing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.ssechat.sse.SseMessage;
import org.ssechat.sse.Utf8;

/**
 * A deliberately simple, String-based transliteration of WHATWG HTML §9.2.5–9.2.6, used as the
 * oracle for property and corpus tests. It decodes the whole stream at once (strip one leading
 * BOM, then the Encoding Standard's UTF-8 decoder), splits it into lines on CRLF / CR / LF, drops
 * an unterminated last line and interprets each line exactly as the spec's steps read.
 */
public final class ReferenceParser {

  private ReferenceParser() {}

  /** The events of a complete stream (an unterminated last event is dropped, as the spec says). */
  public static List<SseMessage> events(byte[] input) {
    return parse(input, false).events();
  }

  /**
   * Like {@link #events(byte[])}; with {@code dispatchAtEof} the end of input also ends the last
   * line and dispatches a pending event, which the spec forbids but some clients do (the
   * benchmark gate checks such contenders against this).
   */
  public static List<SseMessage> events(byte[] input, boolean dispatchAtEof) {
    return parse(input, dispatchAtEof).events();
  }

  /** Parses a complete stream; {@code end} is unused here but mirrors {@link Recorder.Result}. */
  public static Recorder.Result parse(byte[] input) {
    return parse(input, false);
  }

  private static Recorder.Result parse(byte[] input, boolean dispatchAtEof) {
    int start = input.length >= 3 && (input[0] & 0xFF) == 0xEF && (input[1] & 0xFF) == 0xBB
        && (input[2] & 0xFF) == 0xBF ? 3 : 0;
    String text = Utf8.decodeExact(input, start, input.length - start);

    List<SseMessage> events = new ArrayList<>();
    List<String> comments = new ArrayList<>();
    Long retry = null;
    StringBuilder data = new StringBuilder();
    String type = "";
    String idBuffer = null; // null: no id field accepted yet
    String lastEventId = null;

    int i = 0;
    int n = text.length();
    while (true) {
      int eol = i;
      while (eol < n && text.charAt(eol) != '\r' && text.charAt(eol) != '\n') {
        eol++;
      }
      if (eol == n && (!dispatchAtEof || i == n)) {
        break; // unterminated last line: discarded, not processed
      }
      String line = text.substring(i, eol);
      i = eol == n ? n
          : eol + (text.charAt(eol) == '\r' && eol + 1 < n && text.charAt(eol + 1) == '\n' ? 2 : 1);

      if (line.isEmpty()) {
        lastEventId = idBuffer;
        if (data.length() == 0) {
          type = "";
          continue;
        }
        String d = data.charAt(data.length() - 1) == '\n'
            ? data.substring(0, data.length() - 1) : data.toString();
        events.add(new SseMessage(type.isEmpty() ? "message" : type, d, lastEventId));
        data.setLength(0);
        type = "";
        continue;
      }
      if (line.charAt(0) == ':') {
        comments.add(line.substring(1));
        continue;
      }
      String name;
      String value;
      int colon = line.indexOf(':');
      if (colon >= 0) {
        name = line.substring(0, colon);
        value = line.substring(colon + 1);
        if (value.startsWith(" ")) {
          value = value.substring(1);
        }
      } else {
        name = line;
        value = "";
      }
      switch (name) {
        case "event" -> type = value;
        case "data" -> data.append(value).append('\n');
        case "id" -> {
          if (value.indexOf('\0') < 0) {
            idBuffer = value;
          }
        }
        case "retry" -> {
          if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')
              && new BigInteger(value).bitLength() < 64) {
            retry = Long.parseLong(value);
          }
        }
        default -> { }
      }
    }
    if (dispatchAtEof && data.length() > 0) {
      data.setLength(data.length() - 1);
      events.add(new SseMessage(type.isEmpty() ? "message" : type, data.toString(), idBuffer));
    }
    return new Recorder.Result(List.copyOf(events), List.copyOf(comments), retry, null);
  }
}
