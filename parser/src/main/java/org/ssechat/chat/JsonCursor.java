package org.ssechat.chat;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.IntStream;
import org.ssechat.sse.Utf8;

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
 * <p><b>Escapes.</b> <code>&#92;uXXXX</code> escapes yield the UTF-16 unit they name, so a pair forms one
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

  // What the next token may be.
  private static final int AT_ROOT = 0;
  private static final int OBJECT_OPENED = 1;
  private static final int ARRAY_OPENED = 2;
  private static final int AFTER_NAME = 3;
  private static final int AFTER_VALUE = 4;
  private static final int DONE = 5;
  private static final int NAME_EXPECTED = 6;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final long QUOTES = '"' * ONES;
  private static final long BACKSLASHES = '\\' * ONES;
  private static final long SPACES = ' ' * ONES;
  private static final byte[] TRUE_TEXT = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE_TEXT = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] NULL_TEXT = {'n', 'u', 'l', 'l'};

  private byte[] buf = new byte[0];
  private int start;
  private int end;
  private int pos;
  private int state = DONE;
  private int token = END;
  /** The current token's first byte (a string's opening quote). */
  private int tokenStart;
  /** The current token's text: a string's bytes between the quotes, else the whole token. */
  private int textStart;
  private int textEnd;
  /** Whether the current string has backslash escapes. */
  private boolean escaped;
  /** {@code inObject[d]}: the container at depth d is an object (else an array). */
  private final boolean[] inObject = new boolean[MAX_DEPTH + 1];
  private int depth;

  private char[] chars = new char[256];
  private int charCount;
  /** Whether {@link #chars} holds the current string's decoded text. */
  private boolean decoded;

  /** Starts reading the JSON text in {@code buf[start, end)}. */
  void reset(byte[] buf, int start, int end) {
    Objects.checkFromToIndex(start, end, buf.length);
    this.buf = buf;
    this.start = start;
    this.end = end;
    pos = start;
    state = AT_ROOT;
    token = END;
    tokenStart = textStart = textEnd = start;
    escaped = false;
    depth = 0;
    decoded = false;
  }

  /**
   * Starts reading the JSON text in {@code buf[start, end)} at the property name at
   * {@code nameOffset}, as if everything before it had been read: for a text whose bytes before
   * {@code nameOffset} are the same as those of a text read before, where a property name of the
   * root object (not its first) started at that offset. The caller vouches for that; offsets in
   * errors stay relative to {@code start}.
   */
  void resume(byte[] buf, int start, int end, int nameOffset) {
    reset(buf, start, end);
    Objects.checkIndex(nameOffset, end - start + 1);
    pos = start + nameOffset;
    depth = 1;
    inObject[1] = true;
    state = NAME_EXPECTED;
  }

  /**
   * Reads the next token and returns it. After the value's last token it returns {@link #END}
   * (and again on every later call).
   *
   * @throws SyntaxError if the input is not one well-formed JSON value
   */
  int next() {
    decoded = false;
    switch (state) {
      case AFTER_VALUE:
        return afterValue(skipSpace());
      case AFTER_NAME:
        return value(skipSpace());
      case OBJECT_OPENED: {
        int i = skipSpace();
        return i < end && buf[i] == '}' ? close(i, END_OBJECT) : name(i);
      }
      case ARRAY_OPENED: {
        int i = skipSpace();
        return i < end && buf[i] == ']' ? close(i, END_ARRAY) : value(i);
      }
      case AT_ROOT:
        return value(skipSpace());
      case NAME_EXPECTED:
        return name(skipSpace());
      default:
        return END;
    }
  }

  /** The token {@link #next()} last returned ({@link #END} before the first call). */
  int token() {
    return token;
  }

  /** Open objects and arrays around the current position (1 inside the root object). */
  int depth() {
    return depth;
  }

  /**
   * If the current token is {@link #START_OBJECT} or {@link #START_ARRAY}, reads (and checks)
   * everything through its matching end, which becomes the current token; otherwise does nothing.
   */
  void skipValue() {
    if (token != START_OBJECT && token != START_ARRAY) {
      return;
    }
    int outer = depth - 1;
    while (depth > outer) {
      next();
    }
  }

  /** For a {@link #NAME}: its position in {@code names}, or -1 if it is none of them. */
  int name(Names names) {
    if (escaped) {
      textChars();
      return names.find(chars, charCount);
    }
    int len = textEnd - textStart;
    if (len >= names.byLength.length) {
      return -1;
    }
    byte[][] candidates = names.byLength[len];
    if (textStart + 8 <= end) {
      // Compare the first eight bytes (the name, then the closing quote and on, masked off) as
      // one word; a candidate that passes is checked in full.
      long first = (long) LONGS.get(buf, textStart) & (len >= 8 ? -1L : (1L << (len * 8)) - 1);
      long[] firstWords = names.firstWordsByLength[len];
      for (int k = 0; k < candidates.length; k++) {
        if (firstWords[k] == first && sameBytes(candidates[k], buf, textStart)) {
          return names.idsByLength[len][k];
        }
      }
      return -1;
    }
    for (int k = 0; k < candidates.length; k++) {
      if (sameBytes(candidates[k], buf, textStart)) {
        return names.idsByLength[len][k];
      }
    }
    return -1;
  }

  /**
   * For a {@link #NAME} or {@link #STRING}: the decoded text, from index 0 to
   * {@link #textLength()} (a reused buffer: valid until the next token).
   */
  char[] textChars() {
    if (!decoded) {
      decode();
      decoded = true;
    }
    return chars;
  }

  int textLength() {
    textChars();
    return charCount;
  }

  /**
   * The current token as text (allocates): the decoded characters of a {@link #NAME} or
   * {@link #STRING}, the literal text of a number, {@code true}, {@code false} or {@code null}.
   */
  String text() {
    if (token == NAME || token == STRING) {
      return new String(textChars(), 0, charCount);
    }
    return new String(buf, textStart, textEnd - textStart, StandardCharsets.ISO_8859_1);
  }

  /**
   * For an {@link #INT}: its value if it is between 0 and {@link Long#MAX_VALUE}, else -1
   * (negative or too big). {@code -0} is 0.
   */
  long nonNegativeLong() {
    int i = textStart;
    if (buf[i] == '-') {
      return textEnd - i == 2 && buf[i + 1] == '0' ? 0 : -1;
    }
    long n = 0;
    for (; i < textEnd; i++) {
      int digit = buf[i] - '0';
      if (n > (Long.MAX_VALUE - digit) / 10) {
        return -1;
      }
      n = n * 10 + digit;
    }
    return n;
  }

  /** For an {@link #INT} or {@link #FLOAT}: its value as {@link Double#parseDouble} gives it. */
  double doubleValue() {
    return Double.parseDouble(text());
  }

  /** Where the current token starts, in bytes from the start of the range. */
  int tokenOffset() {
    return tokenStart - start;
  }

  // ---- tokens

  private int skipSpace() {
    int i = pos;
    while (i < end) {
      byte b = buf[i];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        break;
      }
      i++;
    }
    pos = i;
    return i;
  }

  private int afterValue(int i) {
    if (depth == 0) {
      if (i != end) {
        throw error("text after the JSON value", i);
      }
      state = DONE;
      tokenStart = textStart = textEnd = i;
      return token = END;
    }
    if (i == end) {
      throw truncated();
    }
    byte b = buf[i];
    boolean object = inObject[depth];
    if (b == ',') {
      pos = i + 1;
      int j = skipSpace();
      return object ? name(j) : value(j);
    }
    if (b == (object ? '}' : ']')) {
      return close(i, object ? END_OBJECT : END_ARRAY);
    }
    throw error(object ? "expected ',' or '}'" : "expected ',' or ']'", i);
  }

  private int close(int i, int endToken) {
    depth--;
    pos = i + 1;
    tokenStart = textStart = i;
    textEnd = i + 1;
    state = AFTER_VALUE;
    return token = endToken;
  }

  private int open(int i, boolean object) {
    if (depth == MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH, i);
    }
    inObject[++depth] = object;
    pos = i + 1;
    tokenStart = textStart = i;
    textEnd = i + 1;
    state = object ? OBJECT_OPENED : ARRAY_OPENED;
    return token = object ? START_OBJECT : START_ARRAY;
  }

  private int name(int i) {
    if (i == end) {
      throw truncated();
    }
    if (buf[i] != '"') {
      throw error("expected a property name in double quotes, found " + describe(buf[i]), i);
    }
    string(i);
    int j = skipSpace();
    if (j == end) {
      throw truncated();
    }
    if (buf[j] != ':') {
      throw error("expected ':' after a property name, found " + describe(buf[j]), j);
    }
    pos = j + 1;
    state = AFTER_NAME;
    return token = NAME;
  }

  private int value(int i) {
    if (i == end) {
      throw truncated();
    }
    byte b = buf[i];
    switch (b) {
      case '"':
        string(i);
        state = AFTER_VALUE;
        return token = STRING;
      case '{':
        return open(i, true);
      case '[':
        return open(i, false);
      case 't':
        return literal(i, TRUE_TEXT, TRUE);
      case 'f':
        return literal(i, FALSE_TEXT, FALSE);
      case 'n':
        return literal(i, NULL_TEXT, NULL);
      default:
        if (b == '-' || (b >= '0' && b <= '9')) {
          return number(i);
        }
        throw error("unexpected " + describe(b), i);
    }
  }

  /** Reads the string whose opening quote is at {@code quote}; leaves pos after its end. */
  private void string(int quote) {
    byte[] b = buf;
    int e = end;
    int i = quote + 1;
    boolean escapes = false;
    while (true) {
      // Eight bytes at a time while none is a quote, a backslash or a control character
      // (bytes of 0x80 and up are text here). The lowest flagged byte is always a real hit:
      // a false flag only comes from a borrow out of a real hit below it.
      while (i + 8 <= e) {
        long x = (long) LONGS.get(b, i);
        long q = x ^ QUOTES;
        long s = x ^ BACKSLASHES;
        long hit = ((q - ONES) & ~q | (s - ONES) & ~s | (x - SPACES) & ~x) & HIGH_BITS;
        if (hit != 0) {
          i += Long.numberOfTrailingZeros(hit) >>> 3;
          break;
        }
        i += 8;
      }
      while (i < e) {
        byte c = b[i];
        if (c == '"' || c == '\\' || (c >= 0 && c < ' ')) {
          break;
        }
        i++;
      }
      if (i == e) {
        throw truncated();
      }
      byte c = b[i];
      if (c == '"') {
        break;
      }
      if (c != '\\') {
        throw error(String.format("unescaped control character U+%04X in a string", c), i);
      }
      escapes = true;
      i = checkEscape(i);
    }
    tokenStart = quote;
    textStart = quote + 1;
    textEnd = i;
    escaped = escapes;
    pos = i + 1;
  }

  /** Checks the escape whose backslash is at {@code i}; returns the index after it. */
  private int checkEscape(int i) {
    if (i + 1 == end) {
      throw truncated();
    }
    switch (buf[i + 1]) {
      case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
        return i + 2;
      case 'u':
        for (int k = i + 2; k < i + 6; k++) {
          if (k == end) {
            throw truncated();
          }
          if (hex(buf[k]) < 0) {
            throw error("expected 4 hex digits after \\u", i);
          }
        }
        return i + 6;
      default:
        throw error("invalid escape \\" + (char) (buf[i + 1] & 0xFF), i);
    }
  }

  private int number(int i) {
    byte[] b = buf;
    int e = end;
    int j = i;
    if (b[j] == '-') {
      j++;
    }
    if (j == e) {
      throw truncated();
    }
    if (b[j] == '0') {
      j++;
      if (j < e && isDigit(b[j])) {
        throw error("leading zero in a number", i);
      }
    } else if (isDigit(b[j])) {
      j = digits(j);
    } else {
      throw error("expected a digit, found " + describe(b[j]), j);
    }
    int type = INT;
    if (j < e && b[j] == '.') {
      j = requiredDigits(j + 1, "'.'");
      type = FLOAT;
    }
    if (j < e && (b[j] == 'e' || b[j] == 'E')) {
      j++;
      if (j < e && (b[j] == '+' || b[j] == '-')) {
        j++;
      }
      j = requiredDigits(j, "the exponent");
      type = FLOAT;
    }
    tokenStart = textStart = i;
    textEnd = j;
    pos = j;
    state = AFTER_VALUE;
    return token = type;
  }

  private int requiredDigits(int j, String after) {
    if (j == end) {
      throw truncated();
    }
    if (!isDigit(buf[j])) {
      throw error("expected a digit after " + after + ", found " + describe(buf[j]), j);
    }
    return digits(j);
  }

  private int digits(int j) {
    while (j < end && isDigit(buf[j])) {
      j++;
    }
    return j;
  }

  private int literal(int i, byte[] text, int type) {
    for (int k = 0; k < text.length; k++) {
      if (i + k == end) {
        throw truncated();
      }
      if (buf[i + k] != text[k]) {
        throw error("invalid literal (expected " + new String(text, StandardCharsets.US_ASCII)
            + ")", i);
      }
    }
    tokenStart = textStart = i;
    textEnd = i + text.length;
    pos = textEnd;
    state = AFTER_VALUE;
    return token = type;
  }

  // ---- text

  /** Decodes the current string's bytes into {@link #chars}: escapes, then UTF-8 (WHATWG). */
  private void decode() {
    int len = textEnd - textStart;
    if (chars.length < len) {
      // Never more chars than bytes: an escape or a UTF-8 sequence is at least as long in bytes
      // as in chars, and each ill-formed byte becomes at most one U+FFFD.
      chars = new char[Math.max(len, chars.length * 2)];
    }
    if (!escaped) {
      charCount = Utf8.decodeInto(buf, textStart, len, chars, 0);
      return;
    }
    // Runs of text between escapes. A backslash byte is never part of a UTF-8 sequence, so a
    // sequence cut by one is ill-formed either way.
    int n = 0;
    int i = textStart;
    while (true) {
      int backslash = i;
      while (backslash < textEnd && buf[backslash] != '\\') {
        backslash++;
      }
      n += Utf8.decodeInto(buf, i, backslash - i, chars, n);
      if (backslash == textEnd) {
        break;
      }
      chars[n++] = unescape(backslash);
      i = backslash + (buf[backslash + 1] == 'u' ? 6 : 2);
    }
    charCount = n;
  }

  private char unescape(int i) {
    switch (buf[i + 1]) {
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u':
        return (char) (hex(buf[i + 2]) << 12 | hex(buf[i + 3]) << 8 | hex(buf[i + 4]) << 4
            | hex(buf[i + 5]));
      default: // '"', '\\', '/'
        return (char) buf[i + 1];
    }
  }

  private static boolean sameBytes(byte[] name, byte[] b, int at) {
    for (int k = 0; k < name.length; k++) {
      if (b[at + k] != name[k]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  private static int hex(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    int lower = b | 0x20;
    return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
  }

  private static String describe(byte b) {
    return b >= ' ' && b < 0x7F ? "'" + (char) b + "'" : String.format("byte 0x%02X", b & 0xFF);
  }

  private SyntaxError error(String problem, int at) {
    return new SyntaxError(problem, at - start, false);
  }

  private SyntaxError truncated() {
    return new SyntaxError("the data ends inside the JSON value", end - start, true);
  }

  /**
   * A fixed set of ASCII property names, matched against the input's bytes without decoding.
   * A name written with escapes is decoded first, so <code>"&#92;u0069d"</code> matches {@code id}.
   */
  static final class Names {

    private final String[] names;
    /** {@code byLength[n]}: the names of n bytes; {@code idsByLength[n]}: their positions. */
    private final byte[][][] byLength;
    private final int[][] idsByLength;
    /** The first eight bytes (fewer if shorter) of each name in {@link #byLength}, little-endian. */
    private final long[][] firstWordsByLength;

    /** @param names distinct ASCII names; a name's position is what {@link #name} returns */
    Names(String... names) {
      this.names = names.clone();
      int longest = 0;
      for (int k = 0; k < names.length; k++) {
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(names[k])) {
          throw new IllegalArgumentException("not ASCII: " + names[k]);
        }
        if (Arrays.asList(names).indexOf(names[k]) != k) {
          throw new IllegalArgumentException("duplicate name " + names[k]);
        }
        longest = Math.max(longest, names[k].length());
      }
      byLength = new byte[longest + 1][][];
      idsByLength = new int[longest + 1][];
      firstWordsByLength = new long[longest + 1][];
      for (int n = 0; n <= longest; n++) {
        int size = n;
        int[] ids = IntStream.range(0, names.length).filter(k -> names[k].length() == size)
            .toArray();
        idsByLength[n] = ids;
        byLength[n] = Arrays.stream(ids).mapToObj(k -> names[k].getBytes(StandardCharsets.US_ASCII))
            .toArray(byte[][]::new);
        firstWordsByLength[n] = Arrays.stream(byLength[n]).mapToLong(Names::firstWord).toArray();
      }
    }

    private static long firstWord(byte[] name) {
      long w = 0;
      for (int k = Math.min(8, name.length) - 1; k >= 0; k--) {
        w = w << 8 | (name[k] & 0xFF);
      }
      return w;
    }

    /** The position of the name spelled by {@code text[0, len)}, or -1. */
    int find(char[] text, int len) {
      for (int k = 0; k < names.length; k++) {
        if (names[k].contentEquals(CharBuffer.wrap(text, 0, len))) {
          return k;
        }
      }
      return -1;
    }
  }

  /** Input that is not one well-formed JSON value. No stack trace: it is expected. */
  static final class SyntaxError extends RuntimeException {

    private final int offset;
    private final boolean truncated;

    SyntaxError(String problem, int offset, boolean truncated) {
      super(problem + " at byte " + offset, null, false, false);
      this.offset = offset;
      this.truncated = truncated;
    }

    /** The byte offset of the problem, from the start of the range. */
    int offset() {
      return offset;
    }

    /** Whether the input ended inside the value (rather than holding a wrong byte). */
    boolean truncated() {
      return truncated;
    }
  }
}
