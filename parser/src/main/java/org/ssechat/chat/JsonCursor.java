package org.ssechat.chat;

/**
 * A strict (RFC 8259) pull tokenizer over one JSON text held in a byte range: the engine of
 * {@link ChatChunkDecoder}. One instance is reused for every event, so it allocates nothing per
 * event; text is decoded only when asked for, into a reused {@code char[]}.
 *
 * <p><b>What it accepts.</b> Exactly one JSON value surrounded by optional whitespace (space, tab,
 * LF, CR): objects, arrays, strings, numbers ({@code -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?}),
 * {@code true}, {@code false}, {@code null}, nested at most {@link #MAX_DEPTH} deep. Anything else
 * (trailing commas, comments, single quotes, NaN, leading zeros, unescaped control characters in
 * strings, bad escapes, a second value, text after the value, input ending early) throws a
 * {@link SyntaxError} carrying the byte offset, relative to the start of the range.
 *
 * <p><b>Bytes that are not UTF-8.</b> Outside strings any byte above 0x7F is a syntax error.
 * Inside a string, ill-formed UTF-8 is decoded as the WHATWG Encoding Standard does (each maximal
 * ill-formed subpart becomes one U+FFFD), exactly like {@link org.ssechat.sse.Utf8#decode}; it is
 * never an error. A string that is skipped is not decoded at all.
 *
 * <p><b>Escapes.</b> {@code \uXXXX} escapes yield the UTF-16 unit they name, so a pair forms one
 * supplementary character and a lone escaped surrogate stays a lone surrogate (as in Jackson).
 *
 * <p><b>Borrowed views.</b> The byte range is read in place and must not change until the next
 * {@link #reset}. {@link #textChars()} returns an internal buffer, valid until the next call to
 * {@link #next()}, {@link #skipValue()} or {@link #reset}.
 *
 * <p>Not thread-safe.
 */
final class JsonCursor {

  /** End of input: the value and the whitespace after it have been read. */
  static final int END = 0;
  static final int START_OBJECT = 1;
  static final int END_OBJECT = 2;
  static final int START_ARRAY = 3;
  static final int END_ARRAY = 4;
  /** A property name; the value's token follows. */
  static final int NAME = 5;
  static final int STRING = 6;
  /** A number without fraction or exponent. */
  static final int INT = 7;
  /** A number with a fraction or an exponent. */
  static final int FLOAT = 8;
  static final int TRUE = 9;
  static final int FALSE = 10;
  static final int NULL = 11;

  /** Objects and arrays nest at most this deep; deeper input is a {@link SyntaxError}. */
  static final int MAX_DEPTH = 512;

  /** Starts reading the JSON text in {@code buf[start, end)}. */
  void reset(byte[] buf, int start, int end) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Reads the next token and returns it. After the value's last token it returns {@link #END}
   * (and again on every later call).
   *
   * @throws SyntaxError if the input is not one well-formed JSON value
   */
  int next() {
    throw new UnsupportedOperationException("not yet");
  }

  /** The token {@link #next()} last returned ({@link #END} before the first call). */
  int token() {
    throw new UnsupportedOperationException("not yet");
  }

  /** Open objects and arrays around the current position (1 inside the root object). */
  int depth() {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * If the current token is {@link #START_OBJECT} or {@link #START_ARRAY}, reads (and checks)
   * everything through its matching end, which becomes the current token; otherwise does nothing.
   */
  void skipValue() {
    throw new UnsupportedOperationException("not yet");
  }

  /** For a {@link #NAME}: its position in {@code names}, or -1 if it is none of them. */
  int name(Names names) {
    throw new UnsupportedOperationException("not yet");
  }

  /** For a {@link #NAME} or {@link #STRING}: the decoded text, in {@link #textChars()}. */
  char[] textChars() {
    throw new UnsupportedOperationException("not yet");
  }

  int textOffset() {
    throw new UnsupportedOperationException("not yet");
  }

  int textLength() {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * The current token as text (allocates): the decoded characters of a {@link #NAME} or
   * {@link #STRING}, the literal text of a number, {@code true}, {@code false} or {@code null}.
   */
  String text() {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * For an {@link #INT}: its value if it is between 0 and {@link Long#MAX_VALUE}, else -1
   * (negative or too big). {@code -0} is 0.
   */
  long nonNegativeLong() {
    throw new UnsupportedOperationException("not yet");
  }

  /** For an {@link #INT} or {@link #FLOAT}: its value as {@link Double#parseDouble} gives it. */
  double doubleValue() {
    throw new UnsupportedOperationException("not yet");
  }

  /** Where the current token starts, in bytes from the start of the range. */
  int tokenOffset() {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * A fixed set of ASCII property names, matched against the input's bytes without decoding.
   * A name written with escapes is decoded first, so {@code "\u0069d"} matches {@code id}.
   */
  static final class Names {

    /** @param names distinct ASCII names; a name's position is what {@link #name} returns */
    Names(String... names) {
      throw new UnsupportedOperationException("not yet");
    }
  }

  /** Input that is not one well-formed JSON value. No stack trace: it is expected. */
  static final class SyntaxError extends RuntimeException {

    private final int offset;

    SyntaxError(String problem, int offset) {
      super(problem + " at byte " + offset, null, false, false);
      this.offset = offset;
    }

    /** The byte offset of the problem, from the start of the range. */
    int offset() {
      return offset;
    }
  }
}
