package org.ssechat.chat;

import java.util.Arrays;

/**
 * The tool index of each position that started a tool call (an Anthropic content block's
 * {@code index}, a Responses item's {@code output_index}): tools are numbered 0, 1, ... in the
 * order they start, so every dialect's tool calls look like Chat Completions' {@code tool_calls}.
 */
final class ToolIndexes {

  /** In {@link #byPosition}: nothing started there. */
  private static final int NONE = -1;
  /** In {@link #byPosition}: something other than a tool started there. */
  private static final int NOT_A_TOOL = -2;

  private int[] byPosition = new int[8];
  private int count;

  ToolIndexes() {
    Arrays.fill(byPosition, NONE);
  }

  /** The tool index at {@code position}; the next one if no tool started there (or unknown). */
  int at(int position) {
    int tool = position >= 0 && position < byPosition.length ? byPosition[position] : -1;
    return tool >= 0 ? tool : count;
  }

  /** The index the next tool will get. */
  int next() {
    return count;
  }

  /** A tool started at {@code position} (-1: unknown, so only counted). */
  void add(int position) {
    if (position >= 0) {
      room(position);
      byPosition[position] = count;
    }
    count++;
  }

  /**
   * Something other than a tool started at {@code position} (an Anthropic {@code text} or
   * {@code server_tool_use} block...): its arguments are not a tool call's.
   */
  void addOther(int position) {
    if (position >= 0) {
      room(position);
      byPosition[position] = NOT_A_TOOL;
    }
  }

  /** Whether something other than a tool started at {@code position}. */
  boolean isOther(int position) {
    return position >= 0 && position < byPosition.length && byPosition[position] == NOT_A_TOOL;
  }

  void clear() {
    Arrays.fill(byPosition, NONE);
    count = 0;
  }

  private void room(int position) {
    if (position >= byPosition.length) {
      int old = byPosition.length;
      byPosition = Arrays.copyOf(byPosition, Math.max(old * 2, position + 1));
      Arrays.fill(byPosition, old, byPosition.length, NONE);
    }
  }
}
