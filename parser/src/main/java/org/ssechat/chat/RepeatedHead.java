package org.ssechat.chat;

import java.util.Arrays;

/**
 * The memo behind {@link ChatChunkDecoder}'s repeated-head shortcut: the last event's bytes up to
 * its last <em>quiet</em> root property name (one reached after root properties that changed
 * nothing: skipped fields, a {@code model} equal to the current one), and the offsets of those
 * names. Chunks of a stream repeat the same head ({@code id}, {@code object}, {@code created},
 * {@code model}, {@code system_fingerprint}), so an event whose bytes equal the memo up to one of
 * those names can resume reading there: the bytes before were checked when the head was read,
 * and they had no effect.
 *
 * <p>Protocol per event: {@link #resumeOffset} (0: read it whole, after which {@link #forget}),
 * {@link #quietName} for each quiet name reached while reading, {@link #remember} when done;
 * {@link #forget} when the model changes (a {@code model} in the head was quiet only while it
 * matched). Not thread-safe; one per decoder.
 */
final class RepeatedHead {
  /** Heads longer than this are not remembered (a huge skipped field would be copied). */
  static final int MAX_HEAD = 4096;
  private static final int INITIAL_NAMES = 8;

  private byte[] head = new byte[0];
  private int headLength;
  /** Offsets of the head's quiet names (each after a comma), ascending. */
  private int[] names = new int[INITIAL_NAMES];
  private int count;

  /**
   * The offset of the last quiet name of the memo up to which {@code buf[start, end)} has the
   * same bytes, or 0 if there is none. Keeps the names before it (that one is recorded again
   * when read).
   */
  int resumeOffset(byte[] buf, int start, int end) {
    int k = count;
    if (k == 0) {
      return 0;
    }
    int same = Arrays.mismatch(head, 0, headLength, buf, start, end);
    if (same < 0) {
      same = headLength;
    }
    while (k > 0 && names[k - 1] > same) {
      k--;
    }
    if (k == 0) {
      return 0;
    }
    count = k - 1;
    return names[k - 1];
  }

  /** Records a quiet root name at {@code offset} from the event's start (if within the bound). */
  void quietName(int offset) {
    if (offset > MAX_HEAD) {
      return;
    }
    if (count == names.length) {
      names = Arrays.copyOf(names, count * 2);
    }
    names[count++] = offset;
  }

  /** Forgets every quiet name: the next event is read whole. */
  void forget() {
    count = 0;
  }

  /** Keeps the event's head: its bytes up to the last quiet name recorded while reading it. */
  void remember(byte[] buf, int start, int resumedAt) {
    int length = count == 0 ? 0 : names[count - 1];
    if (length > head.length) {
      head = Arrays.copyOf(head, Math.max(length, head.length * 2));
    }
    if (length > resumedAt) { // the bytes before resumedAt are in head already
      System.arraycopy(buf, start + resumedAt, head, resumedAt, length - resumedAt);
    }
    headLength = length;
  }
}
