package org.ssechat.chat;

import java.util.Arrays;

/**
 * The tool index of each position that started a tool call (an Anthropic content block's
 * {@code index}, a Responses item's {@code output_index}): tools are numbered 0, 1, ... in the
 * order they start, so every dialect's tool calls look like Chat Completions' {@code tool_calls}.
 */
final class ToolIndexes {

  private int[] byPosition = new int[8];
  private int count;

  ToolIndexes() {
    Arrays.fill(byPosition, -1);
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
    if (position >= byPosition.length) {
      int old = byPosition.length;
      byPosition = Arrays.copyOf(byPosition, Math.max(old * 2, position + 1));
      Arrays.fill(byPosition, old, byPosition.length, -1);
    }
    if (position >= 0) {
      byPosition[position] = count;
    }
    count++;
  }

  void clear() {
    Arrays.fill(byPosition, -1);
    count = 0;
  }
}
