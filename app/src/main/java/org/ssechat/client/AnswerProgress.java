package org.ssechat.client;

import org.ssechat.chat.ChatDeltaListener;

/**
 * Notes when an answer's output starts: the time of the first content or reasoning text (time
 * to first token), and whether any output (a refusal, a tool call too) arrived, which decides
 * whether a failure says {@code partial answer kept}.
 */
final class AnswerProgress implements ChatDeltaListener {
  private boolean outputStarted;
  private long firstTokenNanos = -1;

  /** Whether content, reasoning, a refusal or a tool call arrived. */
  boolean outputStarted() {
    return outputStarted;
  }

  /** {@link System#nanoTime()} of the first content or reasoning text, or -1. */
  long firstTokenNanos() {
    return firstTokenNanos;
  }

  private void text(int len) {
    if (len > 0) {
      outputStarted = true;
      if (firstTokenNanos < 0) {
        firstTokenNanos = System.nanoTime();
      }
    }
  }

  @Override
  public void onContent(int choice, char[] text, int off, int len) {
    text(len);
  }

  @Override
  public void onReasoning(int choice, char[] text, int off, int len) {
    text(len);
  }

  @Override
  public void onRefusal(int choice, char[] text, int off, int len) {
    outputStarted |= len > 0;
  }

  @Override
  public void onToolCallFragment(int choice, int index, String id, String name,
      char[] arguments, int off, int len) {
    outputStarted = true;
  }
}
