package org.ssechat.serve;

/**
 * Where SSE events end in a recording's bytes: after a blank line, the end of a line ended by
 * CRLF, LF or CR (the WHATWG stream's three line endings). An injected event must go there, not
 * into the middle of an event the recording was sending.
 */
final class EventBoundary {
  private EventBoundary() {}

  /**
   * The first place at or after {@code at} where an event has just ended (or the stream starts),
   * or {@code body.length} if no event ends after {@code at}. Reads {@code body} from its start,
   * since whether a line is blank depends on what came before; meant for the rare fault, not for
   * every read.
   */
  static int atOrAfter(byte[] body, int at) {
    if (at <= 0) {
      return 0;
    }
    int lineStart = 0;
    for (int i = 0; i < body.length; i++) {
      byte b = body[i];
      if (b != '\n' && b != '\r') {
        continue;
      }
      int end = b == '\r' && i + 1 < body.length && body[i + 1] == '\n' ? i + 2 : i + 1;
      if (i == lineStart && end >= at) { // a blank line: an event (or nothing) ends here
        return end;
      }
      lineStart = end;
      i = end - 1;
    }
    return body.length;
  }
}
