package org.ssechat.failure;

import org.springframework.shell.core.command.ExitStatus;

/**
 * The one table of process exit codes (documented in {@code docs/usage.md}), used by every
 * one-shot command: {@code chat}, {@code replay}, {@code serve}, {@code bench} and the REPL
 * commands run once.
 */
public final class ExitCodes {
  public static final int OK = 0;
  /** The request failed: network, HTTP, in-stream error; or any other command failure. */
  public static final int ERROR = 1;
  /** Bad command line: unknown command or option, missing argument. */
  public static final int USAGE = 2;
  /** The answer ended without a finish reason (possibly incomplete); it was printed. */
  public static final int TRUNCATED = 3;
  /** Interrupted with Ctrl-C (128 + SIGINT); the partial answer was printed. */
  public static final int INTERRUPTED = 130;

  private ExitCodes() {}

  /** A command's status for one of this table's codes. */
  public static ExitStatus status(int code) {
    return switch (code) {
      case OK -> ExitStatus.OK;
      case USAGE -> ExitStatus.USAGE_ERROR;
      default -> new ExitStatus(code, "");
    };
  }

  /** Maps a command's {@link ExitStatus} to a process exit code. */
  public static int toProcess(ExitStatus status) {
    int code = status.code();
    if (code >= 0) {
      return code;
    }
    return code == ExitStatus.USAGE_ERROR.code() ? USAGE : ERROR;
  }
}
