package org.ssechat.replay;

import java.util.Arrays;

/**
 * Where SSE events end in a recording's bytes: just past a blank line, a line ended by CRLF, LF
 * or CR (the WHATWG stream's three line endings). Reads are cut there when a recording has no
 * timing of its own, and an injected event goes there, not into the middle of an event the
 * recording was sending.
 */
public final class EventBoundary {
  private EventBoundary() {}

  /**
   * The offsets just past each blank line of {@code body}, in order. Reads from the start, since
   * whether a line is blank depends on what came before.
   */
  public static int[] ends(byte[] body) {
    int[] ends = new int[16];
    int n = 0;
    int lineStart = 0;
    for (int i = 0; i < body.length; i++) {
      byte b = body[i];
      if (b != '\n' && b != '\r') {
        continue;
      }
      int end = b == '\r' && i + 1 < body.length && body[i + 1] == '\n' ? i + 2 : i + 1;
      if (i == lineStart) { // a blank line: an event (or a block of comments) ends here
        if (n == ends.length) {
          ends = Arrays.copyOf(ends, n * 2);
        }
        ends[n++] = end;
      }
      lineStart = end;
      i = end - 1;
    }
    return Arrays.copyOf(ends, n);
  }

  /**
   * The first place at or after {@code at} where an event has just ended (0, the start, for
   * {@code at <= 0}), or {@code body.length} if no event ends after {@code at}.
   */
  public static int atOrAfter(byte[] body, int at) {
    if (at <= 0) {
      return 0;
    }
    for (int end : ends(body)) {
      if (end >= at) {
        return end;
      }
    }
    return body.length;
  }
}
