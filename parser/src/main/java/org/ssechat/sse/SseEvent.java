package org.ssechat.sse;

import java.util.Arrays;

/**
 * A dispatched event, as a borrowed view.
 *
 * <p><b>Lifetime:</b> an {@code SseEvent} and every array it returns are valid only until
 * {@link SseListener#onEvent} returns. The parser reuses the object, and the arrays may be the
 * caller's own input buffer. Use the {@code String} accessors or {@link #toMessage()} to keep data.
 *
 * <p>Field values are raw UTF-8 bytes exactly as received (minus the one optional space after the
 * colon). The {@code String} accessors decode them with the WHATWG UTF-8 decoder behaviour
 * (each maximal ill-formed subpart becomes one U+FFFD); decoding happens per field, never per read.
 */
public interface SseEvent {

  /** The array holding the data bytes (lines joined with LF, the final LF removed). */
  byte[] dataArray();

  /** Offset of the data in {@link #dataArray()}. */
  int dataOffset();

  /** Length of the data in bytes; 0 for an event with empty data. */
  int dataLength();

  /** The data decoded as UTF-8 (lazily, at most once per event). */
  String data();

  /** The array holding the event type bytes; the type length is 0 when no type was set. */
  byte[] typeArray();

  /** Offset of the event type in {@link #typeArray()}. */
  int typeOffset();

  /** Length of the event type in bytes; 0 means the default type {@code message}. */
  int typeLength();

  /** The event type, {@code "message"} when no (or an empty) {@code event} field was given. */
  String type();

  /**
   * The last event ID string at dispatch: {@code null} if no {@code id} field has been accepted
   * on this parser yet, {@code ""} if one set it to empty. It persists across events.
   */
  String lastEventId();

  /** Stream offset of the blank line that dispatched this event. */
  long endOffset();

  /** Whether the data bytes equal {@code ascii} exactly (e.g. {@code [DONE]}), without decoding. */
  default boolean dataEquals(byte[] ascii) {
    int off = dataOffset();
    return Arrays.equals(dataArray(), off, off + dataLength(), ascii, 0, ascii.length);
  }

  /** Whether the event type bytes equal {@code ascii} exactly, without decoding. */
  default boolean typeEquals(byte[] ascii) {
    int off = typeOffset();
    return Arrays.equals(typeArray(), off, off + typeLength(), ascii, 0, ascii.length);
  }

  /** An owned copy of this event's decoded values. */
  default SseMessage toMessage() {
    return new SseMessage(type(), data(), lastEventId());
  }
}
