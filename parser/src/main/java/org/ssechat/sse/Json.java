package org.ssechat.sse;

/** Minimal JSON string quoting for {@link SseMessage#toJson()} (this package has no dependencies). */
final class Json {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private Json() {}

  static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        default -> {
          // Escape controls, and lone surrogates / U+2028-9 so the line is valid JSON everywhere.
          if (c < 0x20 || c == 0x2028 || c == 0x2029
              || (Character.isSurrogate(c) && !validPair(s, i))) {
            sb.append("\\u").append(HEX[c >> 12 & 15]).append(HEX[c >> 8 & 15])
                .append(HEX[c >> 4 & 15]).append(HEX[c & 15]);
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }

  private static boolean validPair(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }
}
