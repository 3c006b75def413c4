package org.ssechat.failure;

import org.springframework.boot.ExitCodeGenerator;

/**
 * The command line (or a REPL command's words) is wrong: unknown option, missing argument, bad
 * value. The message is one line naming the problem; the process exits with
 * {@link ExitCodes#USAGE}.
 */
public final class UsageException extends ChatException implements ExitCodeGenerator {
  public UsageException(String message) {
    super(message);
  }

  @Override
  public int getExitCode() {
    return ExitCodes.USAGE;
  }
}
