package org.ssechat.repl;

import org.ssechat.client.Outcome;
import org.springframework.shell.core.command.ExitStatus;

/** Process exit codes of one-shot commands (documented in {@code docs/usage.md}). */
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

  public static ExitStatus of(Outcome outcome) {
    return switch (outcome) {
      case FINISHED -> ExitStatus.OK;
      case ERROR -> new ExitStatus(ERROR, "request failed");
      case TRUNCATED -> new ExitStatus(TRUNCATED, "answer truncated");
      case CANCELLED -> new ExitStatus(INTERRUPTED, "interrupted");
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
