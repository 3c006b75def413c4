package org.ssechat.chat;

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

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntConsumer;
import org.ssechat.sse.SseEvent;
import org.ssechat.sse.SseListener;
import org.ssechat.sse.Utf8;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.async.ByteArrayFeeder;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;

/**
 * Decodes OpenAI-compatible {@code chat.completion.chunk} events into {@link ChatDeltaListener}
 * callbacks. Plug it into an SSE parser: {@code SseParsers.create(new ChatChunkDecoder(l))}.
 *
 * <p>Per event, in order:
 * <ul>
 *   <li>{@code event: error} → {@link ChatDeltaListener#onError}, from the data's
 *       {@code {"error":{...}}} or {@code {"message":...}} JSON, else the raw text as message;</li>
 *   <li>{@code [DONE]} → {@link ChatDeltaListener#onDone};</li>
 *   <li>data that is empty or only whitespace is ignored;</li>
 *   <li>anything else must be one JSON object. Recognised: {@code model} (reported when it first
 *       appears or changes), {@code choices[].index/delta/finish_reason/usage}, top-level
 *       {@code usage}, {@code x_groq.usage} and {@code error}. Every other field, at any depth,
 *       is skipped.</li>
 * </ul>
 *
 * <p>In a delta: {@code role}; {@code content} as a string or as typed parts ({@code text} parts
 * are content, {@code thinking} parts are reasoning, other part types are skipped);
 * {@code reasoning_content} and {@code reasoning} (a string, or an object with {@code text}); the {@code text}/{@code summary} of
 * {@code reasoning_details} entries (ignored when the same delta also has a non-empty
 * {@code reasoning} or {@code reasoning_content}, which OpenRouter sends alongside with the same
 * text); {@code refusal}; {@code tool_calls} fragments. Empty text, empty {@code role}, empty
 * {@code finish_reason} and empty tool {@code id}/{@code name} count as absent. A missing
 * {@code index} defaults to the position in its array.
 *
 * <p><b>Atomic events.</b> An event's callbacks are delivered only after the whole event parsed,
 * so a malformed event (invalid or truncated JSON, not an object, text after the object) delivers
 * nothing but one {@link ChatDeltaListener#onMalformed}, and the next event decodes normally.
 * Data that is not well-formed UTF-8 (checked first: Jackson lets overlong forms through) is
 * decoded with U+FFFD replacement ({@link Utf8#decode}), as the SSE layer's {@code data()} does,
 * and then parsed.
 *
 * <p><b>Borrowed text.</b> Text slices passed to the listener point into a buffer the decoder
 * reuses: valid only until the callback returns. Strings (model, role, ids) are owned. The
 * decoder keeps no reference to the {@link SseEvent}'s bytes after {@code onEvent} returns.
 *
 * <p><b>Cost.</b> One Jackson non-blocking parser is created per decoder and fed every event, so
 * steady-state decoding allocates nothing per event (a {@link Usage} when new numbers arrive, a
 * {@code String} when the model, role or a tool id changes). Not thread-safe: one decoder per
 * stream, like the parser.
 */
public final class ChatChunkDecoder implements SseListener {

  private static final JsonFactory JSON = JsonFactory.builder()
      // The streaming parser lives as long as the decoder and is never closed, so pooling its
      // buffers would only drain the pool.
      .recyclerPool(JsonRecyclerPools.nonRecyclingPool())
      .build();
  private static final byte[] NO_BYTES = new byte[0];
  private static final OutputStream NOWHERE = OutputStream.nullOutputStream();
  private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ERROR_TYPE = "error".getBytes(StandardCharsets.US_ASCII);
  private static final int EXCERPT_CHARS = 80;
  private static final int MAX_PROBLEM_CHARS = 200;
  private static final int MAX_RAW_ERROR_CHARS = 500;
  static final String NO_MESSAGE = "error without a message";

  // Content part types; PART_UNTYPED means the part had no "type".
  private static final int PART_UNTYPED = 0;
  private static final int PART_TYPE_TEXT = 1;
  private static final int PART_TYPE_THINKING = 2;
  private static final int PART_TYPE_OTHER = 3;

  private final ChatDeltaListener out;
  private final PendingDeltas pending = new PendingDeltas();
  private final LastString roles = new LastString();
  private final LastString finishReasons = new LastString();
  private final LastString toolIds = new LastString();
  private final LastString toolNames = new LastString();
  // Made once: a method reference per array read would be an allocation per event.
  private final IntConsumer choiceReader = this::readChoice;
  private final IntConsumer toolCallReader = this::readToolCall;
  private final IntConsumer reasoningDetailReader = this::readReasoningDetail;

  /** The non-blocking parser fed every event; replaced after a malformed event. */
  private JsonParser stream;
  private ByteArrayFeeder feeder;
  /** The parser being read: {@link #stream}, or a one-off parser over decoded text. */
  private JsonParser p;

  private String model;
  private String eventModel;
  private Usage lastUsage;

  public ChatChunkDecoder(ChatDeltaListener listener) {
    this.out = Objects.requireNonNull(listener, "listener");
  }

  @Override
  public void onEvent(SseEvent event) {
    if (event.typeEquals(ERROR_TYPE)) {
      out.onError(errorEvent(event.data()));
      return;
    }
    byte[] buf = event.dataArray();
    int start = event.dataOffset();
    int end = start + event.dataLength();
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
    if (buf[start] != '{') {
      out.onMalformed("not a JSON object", excerpt(buf, start, end));
      return;
    }
    String problem = Utf8Validation.isValid(buf, start, end)
        ? decodeBytes(buf, start, end) : decodeReplaced(buf, start, end);
    if (problem != null) {
      out.onMalformed(problem, excerpt(buf, start, end));
      return;
    }
    if (eventModel != null) {
      model = eventModel;
    }
    pending.deliver(out);
  }

  /** Parses the event with the streaming parser; null on success, else the problem. */
  private String decodeBytes(byte[] buf, int start, int end) {
    beginEvent();
    try {
      if (stream == null) {
        stream = JSON.createNonBlockingByteArrayParser(ObjectReadContext.empty());
        feeder = (ByteArrayFeeder) stream.nonBlockingInputFeeder();
      }
      p = stream;
      feeder.feedInput(buf, start, end);
      readRoot();
      // The parser reads the events as one stream of objects: this one must end exactly at the
      // end of the data, or text after it would run into the next event. releaseBuffered counts
      // the unread bytes (writing them nowhere) without allocating, unlike currentLocation().
      if (stream.releaseBuffered(NOWHERE) != 0) {
        throw new Malformed("unexpected text after the JSON object");
      }
      // The parser keeps its last input array: make it drop the event's (a borrowed view).
      feeder.feedInput(NO_BYTES, 0, 0);
      return null;
    } catch (JacksonException | Malformed e) {
      discardStream();
      return describe(e);
    }
  }

  /**
   * Parses data that is not valid UTF-8, decoded with U+FFFD replacement like the SSE layer does;
   * null on success, else the problem. Rare, so a one-off parser is fine.
   */
  private String decodeReplaced(byte[] buf, int start, int end) {
    beginEvent();
    try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(),
        Utf8.decode(buf, start, end - start))) {
      p = parser;
      readRoot();
      if (parser.nextToken() != null) {
        throw new Malformed("unexpected text after the JSON object");
      }
      return null;
    } catch (JacksonException | Malformed e) {
      return describe(e);
    } finally {
      p = stream;
    }
  }

  private void beginEvent() {
    pending.clear();
    eventModel = null;
  }

  private void discardStream() {
    if (stream != null) {
      try {
        stream.close();
      } catch (JacksonException ignored) {
        // Dropping it anyway.
      }
      stream = null;
      feeder = null;
      p = null;
    }
  }

  private void readRoot() {
    if (next() != JsonToken.START_OBJECT) {
      throw new Malformed("not a JSON object");
    }
    while (next() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken v = next();
      switch (name) {
        case "model" -> readModel(v);
        case "choices" -> readObjects(v, choiceReader);
        case "usage" -> readUsage(v);
        case "x_groq" -> readGroq(v);
        case "error" -> readError(v);
        default -> skip();
      }
    }
  }

  private void readModel(JsonToken v) {
    if (v != JsonToken.VALUE_STRING) {
      skip();
      return;
    }
    String current = eventModel != null ? eventModel : model;
    if (!LastString.matches(current, p.getTextCharacters(), p.getTextOffset(),
        p.getTextLength())) {
      eventModel = p.getText();
      pending.value(MODEL, eventModel);
    }
  }

  /**
   * Calls {@code read} with its position for each object of an array (current token {@code v});
   * other elements, and a {@code v} that is not an array, are skipped.
   */
  private void readObjects(JsonToken v, IntConsumer read) {
    if (v != JsonToken.START_ARRAY) {
      skip();
      return;
    }
    int position = 0;
    for (JsonToken t = next(); t != JsonToken.END_ARRAY; t = next()) {
      if (t == JsonToken.START_OBJECT) {
        read.accept(position);
      } else {
        skip();
      }
      position++;
    }
  }

  private void readChoice(int position) {
    int first = pending.count();
    int choice = position;
    String finish = null;
    while (next() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken v = next();
      switch (name) {
        case "index" -> choice = intOr(v, choice);
        case "delta" -> readDelta(v);
        case "finish_reason" -> {
          if (v == JsonToken.VALUE_STRING && p.getTextLength() > 0) {
            finish = string(finishReasons);
          } else {
            skip();
          }
        }
        case "usage" -> readUsage(v);
        default -> skip();
      }
    }
    // The index may come after the delta, so the choice is set once the object has ended.
    pending.assignChoice(first, choice);
    if (finish != null) {
      pending.finish(choice, finish);
    }
  }

  private void readDelta(JsonToken v) {
    if (v != JsonToken.START_OBJECT) {
      skip();
      return;
    }
    int first = pending.count();
    boolean plainReasoning = false;
    while (next() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken t = next();
      switch (name) {
        case "role" -> {
          if (t == JsonToken.VALUE_STRING && p.getTextLength() > 0) {
            pending.value(ROLE, string(roles));
          } else {
            skip();
          }
        }
        case "content" -> {
          if (t == JsonToken.VALUE_STRING) {
            text(CONTENT);
          } else if (t == JsonToken.START_ARRAY) {
            readParts(false);
          } else {
            skip();
          }
        }
        case "reasoning_content", "reasoning" -> {
          if (t == JsonToken.VALUE_STRING) {
            plainReasoning |= p.getTextLength() > 0;
            text(REASONING);
          } else if (t == JsonToken.START_OBJECT) {
            plainReasoning |= readReasoningObject();
          } else {
            skip();
          }
        }
        case "reasoning_details" -> readObjects(t, reasoningDetailReader);
        case "refusal" -> {
          if (t == JsonToken.VALUE_STRING) {
            text(REFUSAL);
          } else {
            skip();
          }
        }
        case "tool_calls" -> readObjects(t, toolCallReader);
        default -> skip();
      }
    }
    pending.retag(first, DETAIL, plainReasoning ? DROP : REASONING);
  }

  /**
   * A content array. Top level: text parts are content, thinking parts reasoning. Nested (the
   * parts of a {@code thinking} field): everything kept becomes the enclosing part's thinking.
   */
  private void readParts(boolean nested) {
    for (JsonToken t = next(); t != JsonToken.END_ARRAY; t = next()) {
      if (t == JsonToken.START_OBJECT) {
        readPart(nested);
      } else if (t == JsonToken.VALUE_STRING) {
        text(nested ? PART_THINKING : CONTENT);
      } else {
        skip();
      }
    }
  }

  private void readPart(boolean nested) {
    int first = pending.count();
    int type = PART_UNTYPED;
    while (next() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken t = next();
      switch (name) {
        case "type" -> type = t == JsonToken.VALUE_STRING ? partType() : PART_TYPE_OTHER;
        case "text" -> {
          if (t == JsonToken.VALUE_STRING) {
            text(PART_TEXT);
          } else {
            skip();
          }
        }
        case "thinking" -> {
          if (t == JsonToken.VALUE_STRING) {
            text(PART_THINKING);
          } else if (t == JsonToken.START_ARRAY) {
            readParts(true);
          } else {
            skip();
          }
        }
        default -> skip();
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
    char[] buf = p.getTextCharacters();
    int off = p.getTextOffset();
    int len = p.getTextLength();
    if (LastString.matches("text", buf, off, len)) {
      return PART_TYPE_TEXT;
    }
    return LastString.matches("thinking", buf, off, len) ? PART_TYPE_THINKING : PART_TYPE_OTHER;
  }

  /** {@code {"text": ...}} (Bedrock through some gateways); whether it had text. */
  private boolean readReasoningObject() {
    boolean any = false;
    while (next() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken v = next();
      if (v == JsonToken.VALUE_STRING && name.equals("text")) {
        any |= p.getTextLength() > 0;
        text(REASONING);
      } else {
        skip();
      }
    }
    return any;
  }

  /** One {@code reasoning_details} entry (its position is not needed). */
  private void readReasoningDetail(int position) {
    // Encrypted entries carry "data", not "text", so they fall through to skip().
    while (next() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken f = next();
      if (f == JsonToken.VALUE_STRING && (name.equals("text") || name.equals("summary"))) {
        text(DETAIL);
      } else {
        skip();
      }
    }
  }

  private void readToolCall(int position) {
    int index = position;
    String id = null;
    String name = null;
    int argStart = 0;
    int argLen = 0;
    while (next() == JsonToken.PROPERTY_NAME) {
      String field = p.currentName();
      JsonToken v = next();
      switch (field) {
        case "index" -> index = intOr(v, index);
        case "id" -> id = nonEmptyString(v, toolIds);
        case "function" -> {
          if (v != JsonToken.START_OBJECT) {
            skip();
            continue;
          }
          while (next() == JsonToken.PROPERTY_NAME) {
            String f = p.currentName();
            JsonToken fv = next();
            if (f.equals("name")) {
              name = nonEmptyString(fv, toolNames);
            } else if (f.equals("arguments") && fv == JsonToken.VALUE_STRING) {
              argLen = p.getTextLength();
              argStart = pending.copy(p.getTextCharacters(), p.getTextOffset(), argLen);
            } else {
              skip();
            }
          }
        }
        default -> skip();
      }
    }
    pending.tool(index, id, name, argStart, argLen);
  }

  private void readGroq(JsonToken v) {
    if (v != JsonToken.START_OBJECT) {
      skip();
      return;
    }
    while (next() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken f = next();
      if (name.equals("usage")) {
        readUsage(f);
      } else {
        skip();
      }
    }
  }

  private void readUsage(JsonToken v) {
    if (v != JsonToken.START_OBJECT) {
      skip();
      return;
    }
    long prompt = -1;
    long completion = -1;
    long total = -1;
    long reasoning = -1;
    while (next() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken t = next();
      switch (name) {
        case "prompt_tokens" -> prompt = count(t);
        case "completion_tokens" -> completion = count(t);
        case "total_tokens" -> total = count(t);
        case "completion_tokens_details" -> {
          if (t != JsonToken.START_OBJECT) {
            skip();
            continue;
          }
          while (next() == JsonToken.PROPERTY_NAME) {
            String detail = p.currentName();
            JsonToken d = next();
            if (detail.equals("reasoning_tokens")) {
              reasoning = count(d);
            } else {
              skip();
            }
          }
        }
        default -> skip();
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
  private long count(JsonToken t) {
    switch (t) {
      case VALUE_NUMBER_INT -> {
        return integer();
      }
      case VALUE_STRING -> {
        return parseCount(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
      }
      case VALUE_NUMBER_FLOAT -> {
        // Rare (a provider sending 12.0): parse the text.
        double d = Double.parseDouble(p.getText());
        return d >= 0 && d < 0x1p63 ? (long) d : -1;
      }
      default -> {
        skip();
        return -1;
      }
    }
  }

  /**
   * The current integer token if it is non-negative and fits a long, else -1. Up to 18 chars it
   * always fits, and {@code getLongValue()} reads it without allocating. Longer ones are parsed
   * from the token's chars: jackson-core 3.1.7's non-blocking parser, once a big integer has been
   * inspected through its number accessors, returns a stale value for the next float.
   */
  private long integer() {
    if (p.getTextLength() <= 18) {
      long n = p.getLongValue();
      return n >= 0 ? n : -1;
    }
    return parseCount(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
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

  private void readError(JsonToken v) {
    StreamError error = null;
    if (v == JsonToken.START_OBJECT) {
      error = readErrorObject();
    } else if (v == JsonToken.VALUE_STRING && p.getTextLength() > 0) {
      error = new StreamError(p.getText(), null, null);
    } else {
      skip();
    }
    if (error != null) {
      pending.value(ERROR, error);
    }
  }

  /**
   * Reads an error object (current token START_OBJECT): {@code message}, {@code type},
   * {@code code} (string or number), or a nested {@code error}, which wins. Null if it had none.
   */
  private StreamError readErrorObject() {
    String message = null;
    String type = null;
    String code = null;
    StreamError nested = null;
    while (next() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken v = next();
      switch (name) {
        case "message" -> message = scalarText(v);
        case "type" -> type = scalarText(v);
        case "code" -> code = scalarText(v);
        case "error" -> {
          if (v == JsonToken.START_OBJECT) {
            nested = readErrorObject();
          } else {
            String s = scalarText(v);
            nested = s == null ? null : new StreamError(s, null, null);
          }
        }
        default -> skip();
      }
    }
    if (nested != null) {
      return nested;
    }
    if (message == null && type == null && code == null) {
      return null;
    }
    return new StreamError(message != null ? message : NO_MESSAGE, type, code);
  }

  /** A string, number or boolean as text; null (after skipping) for null, objects and arrays. */
  private String scalarText(JsonToken v) {
    if (v.isScalarValue() && v != JsonToken.VALUE_NULL) {
      String s = p.getText();
      return s.isEmpty() ? null : s;
    }
    skip();
    return null;
  }

  /** An {@code event: error}: its JSON error if it has one, else its text. */
  private StreamError errorEvent(String data) {
    String text = data.strip();
    if (text.startsWith("{")) {
      try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), text)) {
        p = parser;
        next();
        StreamError error = readErrorObject();
        if (error != null) {
          return error;
        }
      } catch (JacksonException | Malformed e) {
        // Not JSON after all: report the text.
      } finally {
        p = stream;
      }
    }
    if (text.isEmpty()) {
      return new StreamError(NO_MESSAGE, null, null);
    }
    return new StreamError(flatten(text, MAX_RAW_ERROR_CHARS), null, null);
  }

  private void text(int kind) {
    pending.text(kind, p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
  }

  private String string(LastString cache) {
    return cache.of(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
  }

  /** A non-negative int index, or {@code otherwise}. */
  private int intOr(JsonToken v, int otherwise) {
    if (v != JsonToken.VALUE_NUMBER_INT) {
      skip();
      return otherwise;
    }
    long n = integer();
    return n >= 0 && n <= Integer.MAX_VALUE ? (int) n : otherwise;
  }

  private String nonEmptyString(JsonToken v, LastString cache) {
    if (v == JsonToken.VALUE_STRING && p.getTextLength() > 0) {
      return string(cache);
    }
    skip();
    return null;
  }

  /** The next token; a parser out of input means the event ended inside the JSON. */
  private JsonToken next() {
    JsonToken t = p.nextToken();
    if (t == null || t == JsonToken.NOT_AVAILABLE) {
      throw new Malformed("truncated JSON (the data ends inside the object)");
    }
    return t;
  }

  /** Skips the current value, if it is an object or array, through its end. */
  private void skip() {
    JsonToken t = p.currentToken();
    if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
      return;
    }
    int depth = 1;
    while (depth > 0) {
      t = next();
      if (t.isStructStart()) {
        depth++;
      } else if (t.isStructEnd()) {
        depth--;
      }
    }
  }

  private static boolean isJsonSpace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }

  private static String describe(RuntimeException e) {
    if (e instanceof Malformed) {
      return e.getMessage();
    }
    String m = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
    return "invalid JSON: " + oneLine(m == null ? e.getClass().getSimpleName() : m,
        MAX_PROBLEM_CHARS);
  }

  /** At most {@code EXCERPT_CHARS} chars of the data, on one line. */
  static String excerpt(byte[] buf, int start, int end) {
    // 4 bytes per char covers EXCERPT_CHARS chars of any valid UTF-8.
    int n = Math.min(end - start, EXCERPT_CHARS * 4);
    return flatten(Utf8.decode(buf, start, n), EXCERPT_CHARS);
  }

  /** The first line of {@code s}, cut to {@code max} chars. */
  private static String oneLine(String s, int max) {
    int nl = s.indexOf('\n');
    return flatten(nl >= 0 ? s.substring(0, nl) : s, max);
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

  /** A problem found by the decoder itself (not by Jackson). No stack trace: it is expected. */
  private static final class Malformed extends RuntimeException {
    Malformed(String message) {
      super(message, null, false, false);
    }
  }
}
