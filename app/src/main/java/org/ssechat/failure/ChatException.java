package org.ssechat.failure;

/**
 * A failure whose message is already fit to show the user as one line (no stack trace, no key):
 * {@link Failures#oneLine(Throwable)} shows it as it is.
 */
public class ChatException extends RuntimeException {
  public ChatException(String message) {
    super(message);
  }

  public ChatException(String message, Throwable cause) {
    super(message, cause);
  }
}
