package org.ssechat.failure;

/** Keeps API keys out of anything shown, logged or written. */
public final class Secrets {
  private Secrets() {}

  /** {@code sk-…abcd}: the first 3 and last 4 characters, or {@code ****} for short keys. */
  public static String mask(String key) {
    if (key == null || key.isEmpty()) {
      return "(none)";
    }
    if (key.length() < 12) {
      return "****";
    }
    return key.substring(0, 3) + "…" + key.substring(key.length() - 4);
  }

  /** {@code text} with every occurrence of {@code key} replaced by its mask. */
  public static String redact(String text, String key) {
    if (text == null || key == null || key.length() < 4) {
      return text;
    }
    return text.replace(key, mask(key));
  }

  /**
   * {@code url} with the password of any {@code user:password@} part replaced by {@code ****}
   * ({@code https://user:****@host/v1}); unchanged if it has none or is not a URL.
   */
  public static String withoutCredentials(String url) {
    if (url == null) {
      return null;
    }
    int scheme = url.indexOf("://");
    if (scheme < 0) {
      return url;
    }
    int hostStart = scheme + 3;
    int pathStart = url.indexOf('/', hostStart);
    int at = url.lastIndexOf('@', pathStart < 0 ? url.length() - 1 : pathStart - 1);
    if (at < hostStart) {
      return url;
    }
    int colon = url.indexOf(':', hostStart);
    String user = colon >= 0 && colon < at ? url.substring(hostStart, colon)
        : url.substring(hostStart, at);
    return url.substring(0, hostStart) + user + ":****" + url.substring(at);
  }
}
