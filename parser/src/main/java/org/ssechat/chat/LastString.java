package org.ssechat.chat;

/**
 * Remembers the last string made from a char slice and hands it back while the slice's chars stay
 * the same, so a value repeated on every chunk (a role, a model) is not a new String each time.
 */
final class LastString {

  private String last;

  String of(char[] buf, int off, int len) {
    String s = last;
    if (!matches(s, buf, off, len)) {
      s = new String(buf, off, len);
      last = s;
    }
    return s;
  }

  /** Whether {@code s} holds exactly the chars of the slice (false for null). */
  static boolean matches(String s, char[] buf, int off, int len) {
    if (s == null || s.length() != len) {
      return false;
    }
    for (int i = 0; i < len; i++) {
      if (s.charAt(i) != buf[off + i]) {
        return false;
      }
    }
    return true;
  }
}
