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
}
