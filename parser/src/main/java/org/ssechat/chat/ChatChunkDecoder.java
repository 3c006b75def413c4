package org.ssechat.chat;

import static org.ssechat.chat.JsonCursor.END_ARRAY;
import static org.ssechat.chat.JsonCursor.NAME;
import static org.ssechat.chat.JsonCursor.START_ARRAY;
import static org.ssechat.chat.JsonCursor.START_OBJECT;
import static org.ssechat.chat.JsonCursor.STRING;
import static org.ssechat.chat.PendingDeltas.CONTENT;
import static org.ssechat.chat.PendingDeltas.DETAIL;
import static org.ssechat.chat.PendingDeltas.DROP;
import static org.ssechat.chat.PendingDeltas.PART_TEXT;
import static org.ssechat.chat.PendingDeltas.PART_THINKING;
import static org.ssechat.chat.PendingDeltas.REASONING;
import static org.ssechat.chat.PendingDeltas.REFUSAL;
import static org.ssechat.chat.PendingDeltas.ROLE;
import static org.ssechat.chat.PendingDeltas.USAGE;

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
public final class ChatChunkDecoder extends JsonEventDecoder {

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
  private static final UsageNames USAGE_NAMES = new UsageNames(FIELDS, F_PROMPT_TOKENS,
      F_COMPLETION_TOKENS, F_TOTAL_TOKENS, F_COMPLETION_TOKENS_DETAILS, F_REASONING_TOKENS);

  // Content part types; PART_UNTYPED means the part had no "type".
  private static final int PART_UNTYPED = 0;
  private static final int PART_TYPE_TEXT = 1;
  private static final int PART_TYPE_THINKING = 2;
  private static final int PART_TYPE_OTHER = 3;

  private final LastString roles = new LastString();
  private final LastString finishReasons = new LastString();
  private final LastString toolIds = new LastString();
  private final LastString toolNames = new LastString();
  // Made once: a method reference per array read would be an allocation per event.
  private final IntConsumer choiceReader = this::readChoice;
  private final IntConsumer toolCallReader = this::readToolCall;
  private final IntConsumer reasoningDetailReader = this::readReasoningDetail;


  private final boolean reuseHeads;
  private final RepeatedHead head = new RepeatedHead();
  private int lastResume;

  public ChatChunkDecoder(ChatDeltaListener listener) {
    this(listener, true);
  }

  /** With {@code reuseHeads} false every event is read in full (for tests). */
  ChatChunkDecoder(ChatDeltaListener listener, boolean reuseHeads) {
    super(listener);
    this.reuseHeads = reuseHeads;
  }

  @Override
  void commit() {
    if (eventModel != null) {
      head.forget(); // a "model" in the head was quiet only while it matched the old model
    }
  }

  /** Where the last JSON event was resumed (0: read from its start); for tests. */
  int lastResume() {
    return lastResume;
  }

  @Override
  String decode(byte[] buf, int start, int end) {
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
      return problem(e);
    } finally {
      if (reuseHeads) {
        head.remember(buf, start, resumeAt);
      }
    }
    return afterObject();
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
    Usage u = readUsage(v, USAGE_NAMES);
    if (u != null) {
      pending.value(USAGE, u);
    }
  }
}
