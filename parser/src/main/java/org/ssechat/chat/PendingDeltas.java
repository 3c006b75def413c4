package org.ssechat.chat;

import java.util.Arrays;

/**
 * The callbacks decoded from one event, held until the whole event has parsed, so a malformed
 * event delivers nothing and a choice's {@code index} may follow its {@code delta}.
 *
 * <p>Ops live in parallel arrays and their text in one shared {@code char[]}; everything is
 * reused from event to event, so steady-state decoding allocates nothing here.
 */
final class PendingDeltas {

  static final int DROP = 0;
  static final int MODEL = 1;
  static final int ROLE = 2;
  static final int CONTENT = 3;
  static final int REASONING = 4;
  static final int REFUSAL = 5;
  static final int TOOL = 6;
  static final int FINISH = 7;
  static final int USAGE = 8;
  static final int ERROR = 9;
  // Tentative kinds, resolved to one of the above (or DROP) once their enclosing object ends.
  static final int PART_TEXT = 10;
  static final int PART_THINKING = 11;
  static final int DETAIL = 12;

  private int[] kind = new int[16];
  private int[] choice = new int[16];
  private int[] index = new int[16];
  private int[] start = new int[16];
  private int[] len = new int[16];
  /** The op's value: model, role, finish reason, usage, error, or a tool call's id. */
  private Object[] value = new Object[16];
  /** A tool call's name (null for every other op). */
  private Object[] toolName = new Object[16];
  private int count;

  private char[] chars = new char[256];
  private int charsUsed;

  int count() {
    return count;
  }

  void clear() {
    for (int i = 0; i < count; i++) {
      value[i] = null;
      toolName[i] = null;
    }
    count = 0;
    charsUsed = 0;
  }

  /** Copies text into the shared buffer and returns its start. */
  int copy(char[] buf, int off, int n) {
    if (charsUsed + n > chars.length) {
      char[] bigger = new char[Math.max(chars.length * 2, charsUsed + n)];
      System.arraycopy(chars, 0, bigger, 0, charsUsed);
      chars = bigger;
    }
    System.arraycopy(buf, off, chars, charsUsed, n);
    int at = charsUsed;
    charsUsed += n;
    return at;
  }

  /** A text op; empty text is not recorded. */
  void text(int k, char[] buf, int off, int n) {
    if (n > 0) {
      int at = copy(buf, off, n);
      add(k, 0, at, n, null, null);
    }
  }

  void value(int k, Object v) {
    add(k, 0, 0, 0, v, null);
  }

  void tool(int toolIndex, String id, String name, int argStart, int argLen) {
    add(TOOL, toolIndex, argStart, argLen, id, name);
  }

  void finish(int choiceIndex, String reason) {
    add(FINISH, 0, 0, 0, reason, null);
    choice[count - 1] = choiceIndex;
  }

  /** Sets the choice of every op recorded since {@code from}. */
  void assignChoice(int from, int choiceIndex) {
    for (int i = from; i < count; i++) {
      choice[i] = choiceIndex;
    }
  }

  /** Turns ops of kind {@code from} recorded since {@code first} into kind {@code to}. */
  void retag(int first, int from, int to) {
    for (int i = first; i < count; i++) {
      if (kind[i] == from) {
        kind[i] = to;
      }
    }
  }

  private void add(int k, int idx, int st, int n, Object v, Object name) {
    if (count == kind.length) {
      grow();
    }
    kind[count] = k;
    choice[count] = 0;
    index[count] = idx;
    start[count] = st;
    len[count] = n;
    value[count] = v;
    toolName[count] = name;
    count++;
  }

  private void grow() {
    int n = kind.length * 2;
    kind = Arrays.copyOf(kind, n);
    choice = Arrays.copyOf(choice, n);
    index = Arrays.copyOf(index, n);
    start = Arrays.copyOf(start, n);
    len = Arrays.copyOf(len, n);
    value = Arrays.copyOf(value, n);
    toolName = Arrays.copyOf(toolName, n);
  }

  /** Delivers every op in order. */
  void deliver(ChatDeltaListener out) {
    for (int i = 0; i < count; i++) {
      switch (kind[i]) {
        case MODEL -> out.onModel((String) value[i]);
        case ROLE -> out.onRole(choice[i], (String) value[i]);
        case CONTENT -> out.onContent(choice[i], chars, start[i], len[i]);
        case REASONING -> out.onReasoning(choice[i], chars, start[i], len[i]);
        case REFUSAL -> out.onRefusal(choice[i], chars, start[i], len[i]);
        case TOOL -> out.onToolCallFragment(choice[i], index[i], (String) value[i], (String) toolName[i],
            chars, start[i], len[i]);
        case FINISH -> out.onFinish(choice[i], (String) value[i]);
        case USAGE -> out.onUsage((Usage) value[i]);
        case ERROR -> out.onError((StreamError) value[i]);
        default -> {
          // DROP, or a tentative kind its enclosing object rejected.
        }
      }
    }
  }
}
