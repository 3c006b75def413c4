package org.ssechat.chat;

import static org.ssechat.chat.JsonCursor.END_ARRAY;
import static org.ssechat.chat.JsonCursor.FLOAT;
import static org.ssechat.chat.JsonCursor.INT;
import static org.ssechat.chat.JsonCursor.NAME;
import static org.ssechat.chat.JsonCursor.START_ARRAY;
import static org.ssechat.chat.JsonCursor.START_OBJECT;
import static org.ssechat.chat.JsonCursor.STRING;
import static org.ssechat.chat.PendingDeltas.CONTENT;
import static org.ssechat.chat.PendingDeltas.DETAIL;
import static org.ssechat.chat.PendingDeltas.DROP;
import static org.ssechat.chat.PendingDeltas.ERROR;
import static org.ssechat.chat.PendingDeltas.MODEL;
import static org.ssechat.chat.PendingDeltas.PART_TEXT;
import static org.ssechat.chat.PendingDeltas.PART_THINKING;
import static org.ssechat.chat.PendingDeltas.REASONING;
import static org.ssechat.chat.PendingDeltas.REFUSAL;
import static org.ssechat.chat.PendingDeltas.ROLE;
import static org.ssechat.chat.PendingDeltas.USAGE;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.ssechat.sse.SseEvent;
import org.ssechat.sse.Utf8;

/**
 * Decodes OpenAI-compatible {@code chat.completion.chunk} events into {@link ChatDeltaListener}
 * callbacks. Plug it into an SSE parser: {@code SseParsers.create(new ChatChunkDecoder(l))}.
 *
 * <p>Per event, in order:
 * <ul>
 *   <li>{@code event: error} → {@link ChatDeltaListener#onError}, from the data's
 *       {@code {"error":{...}}} or {@code {"message":...}} JSON, else the raw text as message;</li>
 *   <li>{@code [DONE]} → {@link ChatDeltaListener#onDone};</li>
 *   <li>data that is empty, only whitespace, or {@code null} (a relay quirk) is ignored;</li>
 *   <li>anything else must be one JSON object (RFC 8259, strictly). Recognised: {@code model}
 *       (reported when it first appears or changes), {@code choices[].index/delta/finish_reason/
 *       usage}, top-level {@code usage}, {@code x_groq.usage} and {@code error} (its fields as
 *       {@link ErrorObjects} defines them). Every other field, at any depth, is skipped (but still
 *       checked).</li>
 * </ul>
 *
 * <p>A non-streamed {@code chat.completion} goes through {@link #onDocument}: a choice's
 * {@code message} is read exactly like a {@code delta}, so streamed and non-streamed answers have
 * one reader.
 *
 * <p>In a delta: {@code role}; {@code content} as a string or as typed parts ({@code text} parts
 * are content, {@code thinking} parts are reasoning, other part types are skipped);
 * {@code reasoning_content} and {@code reasoning} (a string, or an object with {@code text}); the
 * {@code text}/{@code summary} of {@code reasoning_details} entries (ignored when the same delta
 * also has a non-empty {@code reasoning} or {@code reasoning_content}, which OpenRouter sends
 * alongside with the same text); {@code refusal}; {@code tool_calls} fragments. Empty text, empty
 * {@code role}, empty {@code finish_reason} and empty tool {@code id}/{@code name} count as
 * absent. A missing {@code index} defaults to the position in its array.
 *
 * <p><b>Atomic events.</b> An event's callbacks are delivered only after the whole event parsed,
 * so a malformed event (invalid or truncated JSON, not an object, text after the object) delivers
 * nothing but one {@link ChatDeltaListener#onMalformed}, and the next event decodes normally.
 * Ill-formed UTF-8 inside JSON strings is decoded with U+FFFD replacement, exactly as the SSE
 * layer's {@code data()} ({@link Utf8#decode}) would; outside strings it is invalid JSON.
 *
 * <p><b>Borrowed text.</b> Text slices passed to the listener point into a buffer the decoder
 * reuses: valid only until the callback returns. Strings (model, role, ids) are owned. The
 * decoder keeps no reference to the {@link SseEvent}'s bytes after {@code onEvent} returns.
 *
 * <p><b>Cost.</b> The JSON is read in place by a {@link JsonCursor} made once per decoder; only
 * the strings the decoder uses are decoded, and steady-state decoding allocates nothing per event
 * (a {@link Usage} when new numbers arrive, a {@code String} when the model, role or a tool id
 * changes). Not thread-safe: one decoder per stream, like the parser.
 */
public final class ChatChunkDecoder implements ChatStreamDecoder {

  private static final byte[] NO_BYTES = new byte[0];
  private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);
  /** Some relays send {@code data: null} between chunks; it carries nothing and is skipped. */
  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ERROR_TYPE = "error".getBytes(StandardCharsets.US_ASCII);
  private static final int EXCERPT_CHARS = 80;
  private static final int MAX_PROBLEM_CHARS = 200;
  private static final int MAX_RAW_ERROR_CHARS = 500;
  static final String NO_MESSAGE = ErrorObjects.NO_MESSAGE;

  /** Every property name the decoder looks at; the constants below are positions in it. */
  private static final JsonCursor.Names FIELDS = new JsonCursor.Names("model", "choices", "usage",
      "x_groq", "error", "index", "delta", "finish_reason", "role", "content",
      "reasoning_content", "reasoning", "reasoning_details", "refusal", "tool_calls", "type",
      "text", "thinking", "summary", "id", "function", "name", "arguments", "prompt_tokens",
      "completion_tokens", "total_tokens", "completion_tokens_details", "reasoning_tokens",
      "message");
  private static final int F_MODEL = 0;
  private static final int F_CHOICES = 1;
  private static final int F_USAGE = 2;
  private static final int F_X_GROQ = 3;
  private static final int F_ERROR = 4;
  private static final int F_INDEX = 5;
  private static final int F_DELTA = 6;
  private static final int F_FINISH_REASON = 7;
  private static final int F_ROLE = 8;
  private static final int F_CONTENT = 9;
  private static final int F_REASONING_CONTENT = 10;
  private static final int F_REASONING = 11;
  private static final int F_REASONING_DETAILS = 12;
  private static final int F_REFUSAL = 13;
  private static final int F_TOOL_CALLS = 14;
  private static final int F_TYPE = 15;
  private static final int F_TEXT = 16;
  private static final int F_THINKING = 17;
  private static final int F_SUMMARY = 18;
  private static final int F_ID = 19;
  private static final int F_FUNCTION = 20;
  private static final int F_NAME = 21;
  private static final int F_ARGUMENTS = 22;
  private static final int F_PROMPT_TOKENS = 23;
  private static final int F_COMPLETION_TOKENS = 24;
  private static final int F_TOTAL_TOKENS = 25;
  private static final int F_COMPLETION_TOKENS_DETAILS = 26;
  private static final int F_REASONING_TOKENS = 27;
  private static final int F_MESSAGE = 28;

  // Content part types; PART_UNTYPED means the part had no "type".
  private static final int PART_UNTYPED = 0;
  private static final int PART_TYPE_TEXT = 1;
  private static final int PART_TYPE_THINKING = 2;
  private static final int PART_TYPE_OTHER = 3;

  private final ChatDeltaListener out;
  private final JsonCursor c = new JsonCursor();
  private final PendingDeltas pending = new PendingDeltas();
  private final LastString roles = new LastString();
  private final LastString finishReasons = new LastString();
  private final LastString toolIds = new LastString();
  private final LastString toolNames = new LastString();
  // Made once: a method reference per array read would be an allocation per event.
  private final IntConsumer choiceReader = this::readChoice;
  private final IntConsumer toolCallReader = this::readToolCall;
  private final IntConsumer reasoningDetailReader = this::readReasoningDetail;

  private String model;
  private String eventModel;
  private Usage lastUsage;

  private final boolean reuseHeads;
  private final RepeatedHead head = new RepeatedHead();
  private int lastResume;

  public ChatChunkDecoder(ChatDeltaListener listener) {
    this(listener, true);
  }

  /** With {@code reuseHeads} false every event is read in full (for tests). */
  ChatChunkDecoder(ChatDeltaListener listener, boolean reuseHeads) {
    this.out = Objects.requireNonNull(listener, "listener");
    this.reuseHeads = reuseHeads;
  }

  @Override
  public void onEvent(SseEvent event) {
    if (event.typeEquals(ERROR_TYPE)) {
      out.onError(errorEvent(event.data()));
      return;
    }
    onDocument(event.dataArray(), event.dataOffset(), event.dataLength());
  }

  /**
   * Decodes one JSON document that did not arrive as an SSE event, with the same callbacks and
   * the same atomicity: a non-streamed {@code chat.completion} (a choice's {@code message} is
   * read like a {@code delta}), or an error object. {@code buf} is read only during the call.
   */
  @Override
  public void onDocument(byte[] buf, int off, int len) {
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
    String problem = decode(buf, start, end);
    // The cursor holds the event's array until the next reset: let it go (a borrowed view).
    c.reset(NO_BYTES, 0, 0);
    if (problem != null) {
      out.onMalformed(problem, excerpt(buf, start, end));
      return;
    }
    if (eventModel != null) {
      model = eventModel;
      head.forget(); // a "model" in the head was quiet only while it matched the old model
    }
    pending.deliver(out);
  }

  /** Where the last JSON event was resumed (0: read from its start); for tests. */
  int lastResume() {
    return lastResume;
  }

  /** Reads one event's JSON object into {@link #pending}; null on success, else the problem. */
  private String decode(byte[] buf, int start, int end) {
    pending.clear();
    eventModel = null;
    int resumeAt = reuseHeads ? head.resumeOffset(buf, start, end) : 0;
    lastResume = resumeAt;
    if (resumeAt > 0) {
      c.resume(buf, start, end, resumeAt);
    } else {
      head.forget();
      c.reset(buf, start, end);
      c.next(); // the '{' onEvent has seen
    }
    try {
      readRoot(resumeAt > 0);
    } catch (JsonCursor.SyntaxError e) {
      return e.truncated() ? "truncated JSON (the data ends inside the object)"
          : "invalid JSON: " + flatten(e.getMessage(), MAX_PROBLEM_CHARS);
    } finally {
      if (reuseHeads) {
        head.remember(buf, start, resumeAt);
      }
    }
    try {
      c.next();
      return null;
    } catch (JsonCursor.SyntaxError e) {
      return "unexpected text after the JSON object";
    }
  }

  /** Reads the root object's properties; {@code resumed}: from a name inside it (see above). */
  private void readRoot(boolean resumed) {
    boolean quiet = reuseHeads;
    boolean first = !resumed;
    while (c.next() == NAME) {
      if (quiet && !first) {
        head.quietName(c.tokenOffset());
      }
      first = false;
      int ops = pending.count();
      int name = c.name(FIELDS);
      int v = c.next();
      switch (name) {
        case F_MODEL -> readModel(v);
        case F_CHOICES -> readObjects(v, choiceReader);
        case F_USAGE -> readUsage(v);
        case F_X_GROQ -> readGroq(v);
        case F_ERROR -> readError(v);
        default -> c.skipValue();
      }
      quiet &= pending.count() == ops && eventModel == null;
    }
  }

  private void readModel(int v) {
    if (v != STRING) {
      c.skipValue();
      return;
    }
    String current = eventModel != null ? eventModel : model;
    if (!LastString.matches(current, c.textChars(), 0, c.textLength())) {
      eventModel = c.text();
      pending.value(MODEL, eventModel);
    }
  }

  /**
   * Calls {@code read} with its position for each object of an array (current token {@code v});
   * other elements, and a {@code v} that is not an array, are skipped.
   */
  private void readObjects(int v, IntConsumer read) {
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

  private void readChoice(int position) {
    int first = pending.count();
    int choice = position;
    String finish = null;
    while (c.next() == NAME) {
      int name = c.name(FIELDS);
      int v = c.next();
      switch (name) {
        case F_INDEX -> choice = intOr(v, choice);
        case F_DELTA, F_MESSAGE -> readDelta(v); // message: a non-streamed completion
        case F_FINISH_REASON -> {
          if (v == STRING && c.textLength() > 0) {
            finish = string(finishReasons);
          } else {
            c.skipValue();
          }
        }
        case F_USAGE -> readUsage(v);
        default -> c.skipValue();
      }
    }
    // The index may come after the delta, so the choice is set once the object has ended.
    pending.assignChoice(first, choice);
    if (finish != null) {
      pending.finish(choice, finish);
    }
  }

  private void readDelta(int v) {
    if (v != START_OBJECT) {
      c.skipValue();
      return;
    }
    int first = pending.count();
    boolean plainReasoning = false;
    while (c.next() == NAME) {
      int name = c.name(FIELDS);
      int t = c.next();
      switch (name) {
        case F_ROLE -> {
          if (t == STRING && c.textLength() > 0) {
            pending.value(ROLE, string(roles));
          } else {
            c.skipValue();
          }
        }
        case F_CONTENT -> {
          if (t == STRING) {
            text(CONTENT);
          } else if (t == START_ARRAY) {
            readParts(false);
          } else {
            c.skipValue();
          }
        }
        case F_REASONING_CONTENT, F_REASONING -> {
          if (t == STRING) {
            plainReasoning |= c.textLength() > 0;
            text(REASONING);
          } else if (t == START_OBJECT) {
            plainReasoning |= readReasoningObject();
          } else {
            c.skipValue();
          }
        }
        case F_REASONING_DETAILS -> readObjects(t, reasoningDetailReader);
        case F_REFUSAL -> {
          if (t == STRING) {
            text(REFUSAL);
          } else {
            c.skipValue();
          }
        }
        case F_TOOL_CALLS -> readObjects(t, toolCallReader);
        default -> c.skipValue();
      }
    }
    pending.retag(first, DETAIL, plainReasoning ? DROP : REASONING);
  }

  /**
   * A content array. Top level: text parts are content, thinking parts reasoning. Nested (the
   * parts of a {@code thinking} field): everything kept becomes the enclosing part's thinking.
   */
  private void readParts(boolean nested) {
    for (int t = c.next(); t != END_ARRAY; t = c.next()) {
      if (t == START_OBJECT) {
        readPart(nested);
      } else if (t == STRING) {
        text(nested ? PART_THINKING : CONTENT);
      } else {
        c.skipValue();
      }
    }
  }

  private void readPart(boolean nested) {
    int first = pending.count();
    int type = PART_UNTYPED;
    while (c.next() == NAME) {
      int name = c.name(FIELDS);
      int t = c.next();
      switch (name) {
        case F_TYPE -> {
          type = t == STRING ? partType() : PART_TYPE_OTHER;
          c.skipValue();
        }
        case F_TEXT -> {
          if (t == STRING) {
            text(PART_TEXT);
          } else {
            c.skipValue();
          }
        }
        case F_THINKING -> {
          if (t == STRING) {
            text(PART_THINKING);
          } else if (t == START_ARRAY) {
            readParts(true);
          } else {
            c.skipValue();
          }
        }
        default -> c.skipValue();
      }
    }
    // The type may come last, so the part's text is classified once the part has ended.
    // Thinking first: a nested text part turns into PART_THINKING, which must then stay.
    boolean untyped = type == PART_UNTYPED;
    pending.retag(first, PART_THINKING, untyped || type == PART_TYPE_THINKING
        ? (nested ? PART_THINKING : REASONING) : DROP);
    pending.retag(first, PART_TEXT, untyped || type == PART_TYPE_TEXT
        ? (nested ? PART_THINKING : CONTENT) : DROP);
  }

  private int partType() {
    char[] buf = c.textChars();
    int off = 0;
    int len = c.textLength();
    if (LastString.matches("text", buf, off, len)) {
      return PART_TYPE_TEXT;
    }
    return LastString.matches("thinking", buf, off, len) ? PART_TYPE_THINKING : PART_TYPE_OTHER;
  }

  /** {@code {"text": ...}} (Bedrock through some gateways); whether it had text. */
  private boolean readReasoningObject() {
    boolean any = false;
    while (c.next() == NAME) {
      int name = c.name(FIELDS);
      int v = c.next();
      if (v == STRING && name == F_TEXT) {
        any |= c.textLength() > 0;
        text(REASONING);
      } else {
        c.skipValue();
      }
    }
    return any;
  }

  /** One {@code reasoning_details} entry (its position is not needed). */
  private void readReasoningDetail(int position) {
    // Encrypted entries carry "data", not "text", so they fall through to skipValue().
    while (c.next() == NAME) {
      int name = c.name(FIELDS);
      int v = c.next();
      if (v == STRING && (name == F_TEXT || name == F_SUMMARY)) {
        text(DETAIL);
      } else {
        c.skipValue();
      }
    }
  }

  private void readToolCall(int position) {
    int index = position;
    String id = null;
    String name = null;
    int argStart = 0;
    int argLen = 0;
    while (c.next() == NAME) {
      int field = c.name(FIELDS);
      int v = c.next();
      switch (field) {
        case F_INDEX -> index = intOr(v, index);
        case F_ID -> id = nonEmptyString(v, toolIds);
        case F_FUNCTION -> {
          if (v != START_OBJECT) {
            c.skipValue();
            continue;
          }
          while (c.next() == NAME) {
            int f = c.name(FIELDS);
            int fv = c.next();
            if (f == F_NAME) {
              name = nonEmptyString(fv, toolNames);
            } else if (f == F_ARGUMENTS && fv == STRING) {
              argLen = c.textLength();
              argStart = pending.copy(c.textChars(), 0, argLen);
            } else {
              c.skipValue();
            }
          }
        }
        default -> c.skipValue();
      }
    }
    pending.tool(index, id, name, argStart, argLen);
  }

  private void readGroq(int v) {
    if (v != START_OBJECT) {
      c.skipValue();
      return;
    }
    while (c.next() == NAME) {
      int name = c.name(FIELDS);
      int f = c.next();
      if (name == F_USAGE) {
        readUsage(f);
      } else {
        c.skipValue();
      }
    }
  }

  private void readUsage(int v) {
    if (v != START_OBJECT) {
      c.skipValue();
      return;
    }
    long prompt = -1;
    long completion = -1;
    long total = -1;
    long reasoning = -1;
    while (c.next() == NAME) {
      int name = c.name(FIELDS);
      int t = c.next();
      switch (name) {
        case F_PROMPT_TOKENS -> prompt = count(t);
        case F_COMPLETION_TOKENS -> completion = count(t);
        case F_TOTAL_TOKENS -> total = count(t);
        case F_COMPLETION_TOKENS_DETAILS -> {
          if (t != START_OBJECT) {
            c.skipValue();
            continue;
          }
          while (c.next() == NAME) {
            int detail = c.name(FIELDS);
            int d = c.next();
            if (detail == F_REASONING_TOKENS) {
              reasoning = count(d);
            } else {
              c.skipValue();
            }
          }
        }
        default -> c.skipValue();
      }
    }
    if (prompt < 0 && completion < 0 && total < 0 && reasoning < 0) {
      return; // "usage":{} (or no counts we know) says nothing: never replace real numbers with it
    }
    Usage u = lastUsage;
    if (u == null || u.promptTokens() != prompt || u.completionTokens() != completion
        || u.totalTokens() != total || u.reasoningTokens() != reasoning) {
      u = new Usage(prompt, completion, total, reasoning);
      lastUsage = u;
    }
    pending.value(USAGE, u);
  }

  /**
   * A token count: a non-negative integer (exact up to 2^63-1), a float, or a string of digits;
   * -1 for anything else.
   */
  private long count(int t) {
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

  private void readError(int v) {
    StreamError error = null;
    if (v == START_OBJECT) {
      error = ErrorObjects.read(c);
    } else if (v == STRING && c.textLength() > 0) {
      error = new StreamError(c.text(), null, null);
    } else {
      c.skipValue();
    }
    if (error != null) {
      pending.value(ERROR, error);
    }
  }

  /** An {@code event: error}: its JSON error if it has one, else its text. */
  private StreamError errorEvent(String data) {
    String text = data.strip();
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
      return new StreamError(NO_MESSAGE, null, null);
    }
    return new StreamError(flatten(text, MAX_RAW_ERROR_CHARS), null, null);
  }

  private void text(int kind) {
    pending.text(kind, c.textChars(), 0, c.textLength());
  }

  private String string(LastString cache) {
    return cache.of(c.textChars(), 0, c.textLength());
  }

  /** A non-negative int index, or {@code otherwise}. */
  private int intOr(int v, int otherwise) {
    if (v != INT) {
      c.skipValue();
      return otherwise;
    }
    long n = c.nonNegativeLong();
    return n >= 0 && n <= Integer.MAX_VALUE ? (int) n : otherwise;
  }

  private String nonEmptyString(int v, LastString cache) {
    if (v == STRING && c.textLength() > 0) {
      return string(cache);
    }
    c.skipValue();
    return null;
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
  private static String flatten(String line, int max) {
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
