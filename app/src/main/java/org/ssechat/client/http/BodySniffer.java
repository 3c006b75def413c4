package org.ssechat.client.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Tells what a 200 body that is not labelled {@code text/event-stream} holds, from its first
 * non-blank bytes: an event stream ({@code data:}, {@code :}, {@code event:}, {@code id:},
 * {@code retry:}, after an optional BOM), JSON ({@code {} or {@code [}), or something else (an
 * HTML login page).
 */
final class BodySniffer {
  /** How many leading non-blank bytes are looked at. */
  static final int PREFIX_BYTES = 16;
  /** Fewer bytes than this leave the decision open until the body ends. */
  static final int DECISIVE_BYTES = 7;

  enum Kind { EVENT_STREAM, JSON, OTHER, UNDECIDED }

  private static final String BOM = "\u00ef\u00bb\u00bf";

  private BodySniffer() {}

  /**
   * @param reads the body so far (positions are not moved)
   * @param atEnd whether the body has ended (then the decision is made on what there is)
   */
  static Kind classify(List<ByteBuffer> reads, boolean atEnd) {
    byte[] prefix = new byte[PREFIX_BYTES];
    int n = 0;
    for (ByteBuffer b : reads) {
      for (int i = b.position(); i < b.limit() && n < prefix.length; i++) {
        byte c = b.get(i);
        if (n == 0 && (c == ' ' || c == '\t' || c == '\r' || c == '\n')) {
          continue;
        }
        prefix[n++] = c;
      }
    }
    if (n < DECISIVE_BYTES && !atEnd) {
      return Kind.UNDECIDED;
    }
    String start = new String(prefix, 0, n, StandardCharsets.ISO_8859_1);
    if (start.startsWith(BOM)) {
      start = start.substring(BOM.length());
    }
    if (start.startsWith("data:") || start.startsWith(":") || start.startsWith("event:")
        || start.startsWith("id:") || start.startsWith("retry:")) {
      return Kind.EVENT_STREAM;
    }
    return start.startsWith("{") || start.startsWith("[") ? Kind.JSON : Kind.OTHER;
  }
}
