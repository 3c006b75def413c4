package org.ssechat.chat;

import static org.ssechat.chat.JsonCursor.END_ARRAY;
import static org.ssechat.chat.JsonCursor.FLOAT;
import static org.ssechat.chat.JsonCursor.INT;
import static org.ssechat.chat.JsonCursor.NAME;
import static org.ssechat.chat.JsonCursor.START_ARRAY;
import static org.ssechat.chat.JsonCursor.START_OBJECT;
import static org.ssechat.chat.JsonCursor.STRING;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.ssechat.sse.SseEvent;
import org.ssechat.sse.Utf8;

/**
 * What every dialect's decoder shares: the framing of one event's data (blank data ignored,
 * {@code [DONE]}, one JSON object or {@link ChatDeltaListener#onMalformed}), atomic delivery
 * through {@link PendingDeltas}, {@code event: error} events, the event's kind (its SSE
 * {@code event} type, else the data's {@code "type"}), and the small readers (counts, indexes).
 *
 * <p>Per event: {@link #decode} reads the JSON into {@link #pending}; on success
 * {@link #commit} applies the decoder's own state changes and the ops are delivered, on failure
 * nothing is (the decoder's per-stream state must only change in {@link #commit}).
 */
abstract class JsonEventDecoder implements ChatStreamDecoder {

  /** {@link #kind} of a non-streamed document ({@link #onDocument}). */
  static final int DOCUMENT = -1;
  /** {@link #kind} of an event whose type is none of the decoder's. */
  static final int OTHER = -2;
  private static final int FROM_DATA = -3;

  static final byte[] NO_BYTES = new byte[0];
  private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);
  /** Some relays send {@code data: null} between chunks; it carries nothing and is skipped. */
  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ERROR_TYPE = "error".getBytes(StandardCharsets.US_ASCII);
  private static final JsonCursor.Names TYPE = new JsonCursor.Names("type");
  private static final int EXCERPT_CHARS = 80;
  private static final int MAX_PROBLEM_CHARS = 200;
  private static final int MAX_RAW_ERROR_CHARS = 500;

  final ChatDeltaListener out;
  final JsonCursor c = new JsonCursor();
  final PendingDeltas pending = new PendingDeltas();
  /** The event's kind: a position in the decoder's event types, {@link #DOCUMENT} or OTHER. */
  int kind;
  /** The model reported last; the event's new model (null: none), made current on success. */
  String model;
  String eventModel;
  /** The last usage reported (reused while the counts repeat). */
  Usage lastUsage;
  private final LastString models = new LastString();

  private final JsonCursor.Names types;
  private final byte[][] typeBytes;
  /** The data being decoded (only during {@link #decode}), for {@link #copyRaw}. */
  private byte[] data = NO_BYTES;
  private int dataStart;

  /** @param eventTypes the event types the decoder tells apart; {@link #kind} is a position */
  JsonEventDecoder(ChatDeltaListener listener, String... eventTypes) {
    this.out = Objects.requireNonNull(listener, "listener");
    this.types = new JsonCursor.Names(eventTypes);
    this.typeBytes = new byte[eventTypes.length][];
    for (int k = 0; k < eventTypes.length; k++) {
      typeBytes[k] = eventTypes[k].getBytes(StandardCharsets.US_ASCII);
    }
  }

  @Override
  public void onEvent(SseEvent event) {
    if (event.typeEquals(ERROR_TYPE)) {
      out.onError(errorEvent(event.data()));
      return;
    }
    kind = event.typeLength() == 0 ? FROM_DATA : OTHER;
    for (int k = 0; k < typeBytes.length && kind == OTHER; k++) {
      if (event.typeEquals(typeBytes[k])) {
        kind = k;
      }
    }
    decodeEvent(event.dataArray(), event.dataOffset(), event.dataLength());
  }

  /**
   * Decodes one JSON document that did not arrive as an SSE event, with the same callbacks and
   * the same atomicity. {@code buf} is read only during the call.
   */
  @Override
  public void onDocument(byte[] buf, int off, int len) {
    kind = DOCUMENT;
    decodeEvent(buf, off, len);
  }

  private void decodeEvent(byte[] buf, int off, int len) {
    int start = off;
    int end = off + len;
    while (start < end && isJsonSpace(buf[start])) {
      start++;
    }
    while (end > start && isJsonSpace(buf[end - 1])) {
      end--;
    }
    if (start == end) {
      return;
    }
    if (Arrays.equals(buf, start, end, DONE, 0, DONE.length)) {
      out.onDone();
      return;
    }
    if (Arrays.equals(buf, start, end, NULL, 0, NULL.length)) {
      return; // a relay's keep-alive, not a malformed event
    }
    if (buf[start] != '{') {
      out.onMalformed("not a JSON object", excerpt(buf, start, end));
      return;
    }
    pending.clear();
    eventModel = null;
    data = buf;
    dataStart = start;
    String problem = decode(buf, start, end);
    // The cursor holds the event's array until the next reset: let it go (a borrowed view).
    c.reset(NO_BYTES, 0, 0);
    data = NO_BYTES;
    if (problem != null) {
      out.onMalformed(problem, excerpt(buf, start, end));
      return;
    }
    if (eventModel != null) {
      model = eventModel;
    }
    commit();
    pending.deliver(out);
  }

  /**
   * Reads one event's JSON object ({@code buf[start, end)}, starting with '{') into
   * {@link #pending}; null on success, else the problem. By default: the kind, from the data's
   * {@code "type"} if the event had no SSE type, then {@link #readRoot}.
   */
  String decode(byte[] buf, int start, int end) {
    try {
      if (kind == FROM_DATA) {
        c.reset(buf, start, end);
        c.next();
        kind = typeFromData();
      }
      c.reset(buf, start, end);
      c.next();
      readRoot();
    } catch (JsonCursor.SyntaxError e) {
      return problem(e);
    }
    return afterObject();
  }

  /** Reads the root object's properties ({@link #kind} says which event it is). */
  void readRoot() {
    c.skipValue();
  }

  /**
   * Applies the decoded event's effect on the decoder's own state, once it parsed in full
   * ({@link #model} is already updated).
   */
  void commit() {}

  /** The kind named by the root object's {@code "type"} string (reads the whole object). */
  private int typeFromData() {
    int found = OTHER;
    while (c.next() == NAME) {
      int name = c.name(TYPE);
      int v = c.next();
      if (name == 0 && v == STRING) {
        found = Math.max(OTHER, c.name(types));
      } else {
        c.skipValue();
      }
    }
    return found;
  }

  static String problem(JsonCursor.SyntaxError e) {
    return e.truncated() ? "truncated JSON (the data ends inside the object)"
        : "invalid JSON: " + flatten(e.getMessage(), MAX_PROBLEM_CHARS);
  }

  /** After the root object: null, or the problem if text follows it. */
  String afterObject() {
    try {
      c.next();
      return null;
    } catch (JsonCursor.SyntaxError e) {
      return "unexpected text after the JSON object";
    }
  }

  /**
   * The raw JSON text between two token offsets ({@link JsonCursor#tokenOffset}, the second
   * one's byte included), decoded; allocates (for documents only, such as a tool call's
   * {@code input} object).
   */
  char[] rawText(int fromOffset, int toOffset) {
    return Utf8.decode(data, dataStart + fromOffset, toOffset + 1 - fromOffset).toCharArray();
  }

  /** An {@code event: error}: its JSON error if it has one, else its text. */
  StreamError errorEvent(String text) {
    text = text.strip();
    if (text.startsWith("{")) {
      byte[] json = text.getBytes(StandardCharsets.UTF_8);
      c.reset(json, 0, json.length);
      try {
        c.next();
        StreamError error = ErrorObjects.read(c);
        if (error != null) {
          return error;
        }
      } catch (JsonCursor.SyntaxError e) {
        // Not JSON after all: report the text.
      } finally {
        c.reset(NO_BYTES, 0, 0);
      }
    }
    if (text.isEmpty()) {
      return new StreamError(ErrorObjects.NO_MESSAGE, null, null);
    }
    return new StreamError(flatten(text, MAX_RAW_ERROR_CHARS), null, null);
  }

  /** A {@code model} string: an op when it differs from the current model. */
  void readModel(int v) {
    if (v != STRING) {
      c.skipValue();
      return;
    }
    String current = eventModel != null ? eventModel : model;
    if (!LastString.matches(current, c.textChars(), 0, c.textLength())) {
      eventModel = string(models);
      pending.value(PendingDeltas.MODEL, eventModel);
    }
  }

  /**
   * Calls {@code read} with its position for each object of an array (current token {@code v});
   * other elements, and a {@code v} that is not an array, are skipped.
   */
  void readObjects(int v, IntConsumer read) {
    if (v != START_ARRAY) {
      c.skipValue();
      return;
    }
    int position = 0;
    for (int t = c.next(); t != END_ARRAY; t = c.next()) {
      if (t == START_OBJECT) {
        read.accept(position);
      } else {
        c.skipValue();
      }
      position++;
    }
  }

  /** Where a dialect's usage object keeps its counts: positions in {@code names}. */
  record UsageNames(JsonCursor.Names names, int prompt, int completion, int total, int details,
      int reasoning) {}

  /**
   * A usage object (current token {@code v}): its counts as a {@link Usage} ({@link #lastUsage}
   * if the same), or null if {@code v} is not an object or has no count we know.
   */
  Usage readUsage(int v, UsageNames f) {
    if (v != START_OBJECT) {
      c.skipValue();
      return null;
    }
    long prompt = -1;
    long completion = -1;
    long total = -1;
    long reasoning = -1;
    while (c.next() == NAME) {
      int name = c.name(f.names());
      int t = c.next();
      if (name == f.prompt()) {
        prompt = count(t);
      } else if (name == f.completion()) {
        completion = count(t);
      } else if (name == f.total()) {
        total = count(t);
      } else if (name == f.details() && t == START_OBJECT) {
        while (c.next() == NAME) {
          int detail = c.name(f.names());
          int d = c.next();
          if (detail == f.reasoning()) {
            reasoning = count(d);
          } else {
            c.skipValue();
          }
        }
      } else {
        c.skipValue();
      }
    }
    return usage(prompt, completion, total, reasoning);
  }

  /** The root object of an {@code error} event as an error op (one even if it names none). */
  void readErrorEvent() {
    StreamError error = ErrorObjects.read(c);
    pending.value(PendingDeltas.ERROR, error != null ? error
        : new StreamError(ErrorObjects.NO_MESSAGE, null, null));
  }

  /** A string value, or an object naming an error, as a pending error op; else skipped. */
  void readError(int v) {
    StreamError error = null;
    if (v == JsonCursor.START_OBJECT) {
      error = ErrorObjects.read(c);
    } else if (v == STRING && c.textLength() > 0) {
      error = new StreamError(c.text(), null, null);
    } else {
      c.skipValue();
    }
    if (error != null) {
      pending.value(PendingDeltas.ERROR, error);
    }
  }

  /** A text op of {@code kind} for the current string token. */
  void text(int opKind) {
    pending.text(opKind, c.textChars(), 0, c.textLength());
  }

  /** The current string, through {@code cache}. */
  String string(LastString cache) {
    return cache.of(c.textChars(), 0, c.textLength());
  }

  /** A non-empty string value through {@code cache}, else null (after skipping the value). */
  String nonEmptyString(int v, LastString cache) {
    if (v == STRING && c.textLength() > 0) {
      return string(cache);
    }
    c.skipValue();
    return null;
  }

  /** Whether the current token is a string equal to {@code s}. */
  boolean stringIs(int v, String s) {
    return v == STRING && LastString.matches(s, c.textChars(), 0, c.textLength());
  }

  /** A non-negative int index, or {@code otherwise}. */
  int intOr(int v, int otherwise) {
    if (v != INT) {
      c.skipValue();
      return otherwise;
    }
    long n = c.nonNegativeLong();
    return n >= 0 && n <= Integer.MAX_VALUE ? (int) n : otherwise;
  }

  /**
   * A token count: a non-negative integer (exact up to 2^63-1), a float, or a string of digits;
   * -1 for anything else.
   */
  long count(int t) {
    switch (t) {
      case INT -> {
        return c.nonNegativeLong();
      }
      case STRING -> {
        return parseCount(c.textChars(), 0, c.textLength());
      }
      case FLOAT -> {
        // Rare (a provider sending 12.0).
        double d = c.doubleValue();
        return d >= 0 && d < 0x1p63 ? (long) d : -1;
      }
      default -> {
        c.skipValue();
        return -1;
      }
    }
  }

  /** Decimal digits as a long; -1 if empty, not all digits, or above {@code Long.MAX_VALUE}. */
  private static long parseCount(char[] buf, int off, int len) {
    if (len == 0 || len > 19) {
      return -1;
    }
    long n = 0;
    for (int i = off; i < off + len; i++) {
      int digit = buf[i] - '0';
      if (digit < 0 || digit > 9 || n > (Long.MAX_VALUE - digit) / 10) {
        return -1;
      }
      n = n * 10 + digit;
    }
    return n;
  }

  /**
   * {@link #lastUsage} if it holds these counts, else a new {@link Usage} (then the last); null if
   * every count is absent (an empty usage object says nothing and never replaces real numbers).
   * Only a cache: a malformed event may leave it changed.
   */
  Usage usage(long prompt, long completion, long total, long reasoning) {
    if (prompt < 0 && completion < 0 && total < 0 && reasoning < 0) {
      return null;
    }
    Usage last = lastUsage;
    if (last != null && last.promptTokens() == prompt && last.completionTokens() == completion
        && last.totalTokens() == total && last.reasoningTokens() == reasoning) {
      return last;
    }
    lastUsage = new Usage(prompt, completion, total, reasoning);
    return lastUsage;
  }

  private static boolean isJsonSpace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }

  /** At most {@code EXCERPT_CHARS} chars of the data, on one line. */
  static String excerpt(byte[] buf, int start, int end) {
    // 4 bytes per char covers EXCERPT_CHARS chars of any valid UTF-8.
    int n = Math.min(end - start, EXCERPT_CHARS * 4);
    return flatten(Utf8.decode(buf, start, n), EXCERPT_CHARS);
  }

  /** {@code s} cut to {@code max} chars, with line breaks and other controls as spaces. */
  static String flatten(String line, int max) {
    if (line.length() > max) {
      int cut = Character.isHighSurrogate(line.charAt(max - 1)) ? max - 1 : max;
      line = line.substring(0, cut);
    }
    StringBuilder sb = null;
    for (int i = 0; i < line.length(); i++) {
      if (Character.isISOControl(line.charAt(i))) {
        if (sb == null) {
          sb = new StringBuilder(line);
        }
        sb.setCharAt(i, ' ');
      }
    }
    return sb == null ? line : sb.toString();
  }
}
