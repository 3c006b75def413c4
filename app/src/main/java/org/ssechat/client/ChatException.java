package org.ssechat.client;

/** A failure with a message fit to show the user as one line (no stack trace needed). */
public class ChatException extends RuntimeException {
  public ChatException(String message) {
    super(message);
  }

  public ChatException(String message, Throwable cause) {
    super(message, cause);
  }
}
