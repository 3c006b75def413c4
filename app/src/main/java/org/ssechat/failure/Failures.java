package org.ssechat.failure;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.ssechat.text.TerminalText;

/**
 * The one place that turns a failure into what the user reads: one line, no stack trace, no
 * control sequence (via {@link TerminalText}), the API key redacted <em>before</em> anything is cut, server-supplied excerpts at most
 * {@value #MAX_EXCERPT} characters. Every
 * user-visible failure sentence that several places share is spelled here once.
 */
public final class Failures {
  /** The longest excerpt of server-supplied text quoted in a message, in characters. */
  public static final int MAX_EXCERPT = 200;
  /** Appended to a failure when the user keeps what had already arrived. */
  public static final String PARTIAL_ANSWER_KEPT = "partial answer kept";

  private Failures() {}

  /**
   * {@code text} as one line, safe for a terminal or a log: {@code secret} redacted, then
   * sanitized ({@link TerminalText}: no control sequence survives) with line breaks and
   * whitespace runs collapsed to single spaces. Not cut: use {@link #excerpt} for text a server
   * sent.
   *
   * @param secret the API key, or null
   */
  public static String oneLine(String text, String secret) {
    return TerminalText.oneLine(Secrets.redact(text == null ? "" : text, secret),
        Integer.MAX_VALUE);
  }

  /** {@link #oneLine(String, String)} without a secret to redact. */
  public static String oneLine(String text) {
    return oneLine(text, null);
  }

  /**
   * A piece of server-supplied text (an error message, a body snippet) fit to quote in a
   * one-line message: {@code secret} redacted <em>before</em> the cut (so no prefix of it can
   * survive), one line, at most {@value #MAX_EXCERPT} characters with an ellipsis.
   *
   * @param secret the API key, or null
   */
  public static String excerpt(String serverText, String secret) {
    return TerminalText.oneLine(Secrets.redact(serverText == null ? "" : serverText, secret),
        MAX_EXCERPT);
  }

  /**
   * What went wrong, as one line: the message of the most telling exception in the cause chain (a
   * {@link ChatException} wins, its message is made to be shown); for an exception that is not
   * ours, its class name goes first, since its message alone rarely says what happened.
   */
  public static String oneLine(Throwable t) {
    Throwable best = t;
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c.getMessage() != null) {
        best = c;
      }
      if (c instanceof ChatException) {
        best = c;
        break;
      }
    }
    String msg = messageOf(best);
    if (best.getMessage() != null && !(best instanceof ChatException)
        && !(best instanceof IllegalArgumentException)) {
      msg = best.getClass().getSimpleName() + ": " + msg;
    }
    return oneLine(msg.lines().findFirst().orElse(msg));
  }

  /** The exception's own message, else its class name (never null or blank). */
  public static String messageOf(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
  }

  /** Why a file operation failed, in a few words ({@code no such file}, {@code permission denied}). */
  public static String ioReason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return messageOf(e);
  }

  /** {@code message — partial answer kept}. */
  public static String partialKept(String message) {
    return message + " — " + PARTIAL_ANSWER_KEPT;
  }
}
