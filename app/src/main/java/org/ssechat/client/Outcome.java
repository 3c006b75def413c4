package org.ssechat.client;

/** How a streamed response ended. */
public enum Outcome {
  /** A {@code finish_reason} was seen. */
  FINISHED,
  /** The stream ended without a {@code finish_reason} ({@code [DONE]} alone does not count). */
  TRUNCATED,
  /** An HTTP error status, an in-stream error, or a transport failure. */
  ERROR,
  /** The user cancelled. */
  CANCELLED;

  /** Lower-case label for the stats line: {@code finished}, {@code truncated}, … */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
