package org.ssechat.client;

import org.ssechat.failure.ExitCodes;

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

  /** The process exit code of a one-shot command whose answer ended this way. */
  public int exitCode() {
    return switch (this) {
      case FINISHED -> ExitCodes.OK;
      case TRUNCATED -> ExitCodes.TRUNCATED;
      case ERROR -> ExitCodes.ERROR;
      case CANCELLED -> ExitCodes.INTERRUPTED;
    };
  }

  /** Lower-case label for the stats line: {@code finished}, {@code truncated}, … */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
