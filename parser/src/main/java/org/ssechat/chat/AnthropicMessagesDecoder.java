package org.ssechat.chat;

import static org.ssechat.chat.JsonCursor.NAME;
import static org.ssechat.chat.JsonCursor.START_ARRAY;
import static org.ssechat.chat.JsonCursor.START_OBJECT;
import static org.ssechat.chat.JsonCursor.STRING;
import static org.ssechat.chat.PendingDeltas.CONTENT;
import static org.ssechat.chat.PendingDeltas.DROP;
import static org.ssechat.chat.PendingDeltas.PART_TEXT;
import static org.ssechat.chat.PendingDeltas.PART_THINKING;
import static org.ssechat.chat.PendingDeltas.REASONING;
import static org.ssechat.chat.PendingDeltas.ROLE;
import static org.ssechat.chat.PendingDeltas.USAGE;

import java.util.function.IntConsumer;

/**
 * Decodes an Anthropic Messages stream ({@code POST /v1/messages} with {@code "stream": true})
 * into {@link ChatDeltaListener} callbacks, choice 0. The event is named by its SSE {@code event}
 * field, else by the data's {@code "type"}:
 * <ul>
 *   <li>{@code message_start}: {@code message.model} → {@link ChatDeltaListener#onModel} (when it
 *       first appears or changes), {@code message.role} → {@code onRole}; its input token count
 *       is kept for the usage reported later;</li>
 *   <li>{@code content_block_start}: a {@code tool_use} block → a tool-call fragment with its
 *       {@code id}, {@code name} and empty arguments (tool index: 0 for the message's first tool
 *       block, 1 for the next...); text in a {@code text} or {@code thinking} block → content or
 *       reasoning; {@code redacted_thinking} and other blocks show nothing;</li>
 *   <li>{@code content_block_delta}: {@code text_delta} → content, {@code thinking_delta} →
 *       reasoning, {@code input_json_delta} → arguments for the block's tool (none if the block
 *       started as something else, such as a {@code server_tool_use} or {@code mcp_tool_use} the
 *       server runs itself);
 *       {@code signature_delta} and unknown deltas are skipped;</li>
 *   <li>{@code message_delta}: {@code delta.stop_reason} is kept; {@code usage} →
 *       {@code onUsage} (prompt: the input tokens, cache reads and writes included; completion:
 *       {@code output_tokens});</li>
 *   <li>{@code message_stop} → {@code onFinish} with the kept stop reason ({@code "message_stop"}
 *       if none came). Only this event finishes: a stream cut before it is truncated;</li>
 *   <li>{@code error} → {@code onError}; {@code content_block_stop}, {@code ping} and unknown
 *       events are checked (JSON) and ignored.</li>
 * </ul>
 *
 * <p>{@link #onDocument}: a non-streamed {@code message} gives the same callbacks (its
 * {@code tool_use} blocks' {@code input} as the arguments text) and {@code onFinish} with its
 * {@code stop_reason}; an error document ({@code {"type":"error","error":{…}}}) →
 * {@code onError}.
 *
 * <p>Atomicity, borrowed text and cost are those of {@link ChatChunkDecoder}: nothing is
 * allocated per event in the steady state. Not thread-safe: one decoder per stream.
 */
public final class AnthropicMessagesDecoder extends JsonEventDecoder {

  private static final int MESSAGE_START = 0;
  private static final int BLOCK_START = 1;
  private static final int BLOCK_DELTA = 2;
  private static final int MESSAGE_DELTA = 3;
  private static final int MESSAGE_STOP = 4;
  private static final int ERROR_EVENT = 5;

  private static final JsonCursor.Names FIELDS = new JsonCursor.Names("type", "message", "model",
      "role", "content", "usage", "input_tokens", "output_tokens", "cache_creation_input_tokens",
      "cache_read_input_tokens", "index", "content_block", "delta", "text", "thinking",
      "partial_json", "id", "name", "input", "stop_reason", "error");
  private static final int F_TYPE = 0;
  private static final int F_MESSAGE = 1;
  private static final int F_MODEL = 2;
  private static final int F_ROLE = 3;
  private static final int F_CONTENT = 4;
  private static final int F_USAGE = 5;
  private static final int F_INPUT_TOKENS = 6;
  private static final int F_OUTPUT_TOKENS = 7;
  private static final int F_CACHE_CREATION = 8;
  private static final int F_CACHE_READ = 9;
  private static final int F_INDEX = 10;
  private static final int F_CONTENT_BLOCK = 11;
  private static final int F_DELTA = 12;
  private static final int F_TEXT = 13;
  private static final int F_THINKING = 14;
  private static final int F_PARTIAL_JSON = 15;
  private static final int F_ID = 16;
  private static final int F_NAME = 17;
  private static final int F_INPUT = 18;
  private static final int F_STOP_REASON = 19;
  private static final int F_ERROR = 20;

  /** Block and delta types: a position, -1 (unknown) or UNTYPED. */
  private static final JsonCursor.Names PART_TYPES = new JsonCursor.Names("text", "thinking",
      "tool_use", "text_delta", "thinking_delta", "input_json_delta");
  private static final int T_TEXT = 0;
  private static final int T_THINKING = 1;
  private static final int T_TOOL_USE = 2;
  private static final int T_TEXT_DELTA = 3;
  private static final int T_THINKING_DELTA = 4;
  private static final int T_INPUT_JSON_DELTA = 5;
  private static final int UNTYPED = -2;

  private static final String NO_STOP_REASON = "message_stop";

  private final LastString roles = new LastString();
  private final LastString stopReasons = new LastString();
  private final LastString toolIds = new LastString();
  private final LastString toolNames = new LastString();
  private final ToolIndexes tools = new ToolIndexes();
  // Made once: a method reference per array read would be an allocation per event.
  private final IntConsumer blockReader = position -> readPart();

  // Per stream, changed only in commit().
  private long inputTokens = -1;
  private String stopReason;

  // The event being read, applied by commit().
  private long eventInput;
  private String eventStop;
  private int blockIndex;
  private int partType;
  /** The arguments text the part carried ({@code input} or {@code partial_json}); -1: none. */
  private int argStart;
  private int argLen;
  /** Tools seen in the document being read. */
  private int documentTools;
  private long usageInput;
  private long usageOutput;

  public AnthropicMessagesDecoder(ChatDeltaListener listener) {
    super(listener, "message_start", "content_block_start", "content_block_delta",
        "message_delta", "message_stop", "error");
  }

  @Override
  void readRoot() {
    eventInput = -1;
    eventStop = null;
    blockIndex = -1;
    partType = UNTYPED;
    usageInput = -1;
    usageOutput = -1;
    switch (kind) {
      case DOCUMENT -> {
        documentTools = 0;
        readMessage(true);
      }
      case MESSAGE_START, BLOCK_START, BLOCK_DELTA, MESSAGE_DELTA -> readEvent();
      case MESSAGE_STOP -> {
        c.skipValue();
        pending.finish(0, stopReason != null ? stopReason : NO_STOP_REASON);
      }
      case ERROR_EVENT -> readErrorEvent();
      default -> c.skipValue();
    }
  }

  private void readEvent() {
    int partFirst = -1;
    while (c.next() == NAME) {
      int name = c.name(FIELDS);
      int v = c.next();
      switch (name) {
        case F_MESSAGE -> {
          if (kind == MESSAGE_START && v == START_OBJECT) {
            readMessage(false);
          } else {
            c.skipValue();
          }
        }
        case F_INDEX -> blockIndex = intOr(v, -1);
        case F_CONTENT_BLOCK, F_DELTA -> {
          boolean part = name == F_CONTENT_BLOCK ? kind == BLOCK_START : kind == BLOCK_DELTA;
          if (part && v == START_OBJECT) {
            partFirst = pending.count();
            readPart();
          } else if (kind == MESSAGE_DELTA && name == F_DELTA && v == START_OBJECT) {
            readMessageDelta();
          } else {
            c.skipValue();
          }
        }
        case F_USAGE -> {
          if (readUsage(v) && kind == MESSAGE_DELTA) {
            eventInput = usageInput;
          }
        }
        default -> c.skipValue();
      }
    }
    if (kind == MESSAGE_DELTA && (usageOutput >= 0 || eventInput >= 0)) {
      usage(eventInput >= 0 ? eventInput : inputTokens, usageOutput);
    }
    // A delta's tool is known only now: its block index may follow the delta.
    // A block that started as anything but tool_use (server_tool_use, mcp_tool_use: the server
    // runs those) carries no client tool's arguments.
    if (kind == BLOCK_DELTA && partFirst >= 0 && argLen > 0 && !tools.isOther(blockIndex)) {
      // A delta for a block whose start was not seen: its tool gets the next index.
      pending.tool(tools.at(blockIndex), null, null, argStart, argLen);
    }
  }

  /** A {@code message} object: the event's or, for a document, the root. */
  private void readMessage(boolean document) {
    String stop = null;
    boolean counted = false;
    while (c.next() == NAME) {
      int name = c.name(FIELDS);
      int v = c.next();
      switch (name) {
        case F_MODEL -> readModel(v);
        case F_ROLE -> {
          String role = nonEmptyString(v, roles);
          if (role != null) {
            pending.value(ROLE, role);
          }
        }
        case F_CONTENT -> {
          if (document) {
            readObjects(v, blockReader);
          } else {
            c.skipValue();
          }
        }
        case F_STOP_REASON -> stop = nonEmptyString(v, stopReasons);
        case F_USAGE -> counted = readUsage(v);
        case F_ERROR -> {
          if (document) {
            readError(v);
          } else {
            c.skipValue();
          }
        }
        default -> c.skipValue();
      }
    }
    if (!document) {
      eventInput = counted ? usageInput : -1;
      return;
    }
    if (counted) {
      usage(usageInput, usageOutput);
    }
    if (stop != null) {
      pending.finish(0, stop);
    }
  }

  /**
   * A content block (a {@code content_block_start}'s, or one of a document's {@code content}) or
   * a {@code content_block_delta}'s delta: text and thinking become ops, a {@code tool_use}
   * block a tool op; a delta's arguments are left in {@link #argStart}/{@link #argLen}. Its type
   * goes to {@link #partType}. Only deltas may be untyped.
   */
  private void readPart() {
    int first = pending.count();
    int type = UNTYPED;
    String id = null;
    String name = null;
    argStart = 0;
    argLen = -1;
    while (c.next() == NAME) {
      int field = c.name(FIELDS);
      int v = c.next();
      switch (field) {
        case F_TYPE -> {
          type = v == STRING ? c.name(PART_TYPES) : -1;
          c.skipValue();
        }
        case F_TEXT -> textIf(v, PART_TEXT);
        case F_THINKING -> textIf(v, PART_THINKING);
        case F_ID -> id = nonEmptyString(v, toolIds);
        case F_NAME -> name = nonEmptyString(v, toolNames);
        case F_PARTIAL_JSON -> {
          if (v == STRING) {
            argLen = c.textLength();
            argStart = pending.copy(c.textChars(), 0, argLen);
          } else {
            c.skipValue();
          }
        }
        case F_INPUT -> {
          // A document's arguments: the input object's JSON text (a stream's is {} here).
          int from = c.tokenOffset();
          c.skipValue();
          if (kind == DOCUMENT && (v == START_OBJECT || v == START_ARRAY)) {
            char[] raw = rawText(from, c.tokenOffset());
            argLen = raw.length;
            argStart = pending.copy(raw, 0, argLen);
          }
        }
        default -> c.skipValue();
      }
    }
    boolean untyped = type == UNTYPED && kind == BLOCK_DELTA;
    pending.retag(first, PART_TEXT,
        untyped || type == T_TEXT || type == T_TEXT_DELTA ? CONTENT : DROP);
    pending.retag(first, PART_THINKING,
        untyped || type == T_THINKING || type == T_THINKING_DELTA ? REASONING : DROP);
    if (type == T_TOOL_USE) {
      int tool = kind == DOCUMENT ? documentTools++ : tools.next();
      pending.tool(tool, id, name, argStart, Math.max(argLen, 0));
    } else if (!untyped && type != T_INPUT_JSON_DELTA) {
      argLen = -1;
    }
    partType = type;
  }

  private void readMessageDelta() {
    while (c.next() == NAME) {
      int field = c.name(FIELDS);
      int v = c.next();
      if (field == F_STOP_REASON) {
        eventStop = nonEmptyString(v, stopReasons);
      } else {
        c.skipValue();
      }
    }
  }

  /**
   * A {@code usage} object into {@link #usageInput} (input, cache creation and cache reads
   * added up; -1 if none) and {@link #usageOutput}; whether it had a count.
   */
  private boolean readUsage(int v) {
    usageInput = -1;
    usageOutput = -1;
    if (v != START_OBJECT) {
      c.skipValue();
      return false;
    }
    while (c.next() == NAME) {
      int field = c.name(FIELDS);
      int t = c.next();
      switch (field) {
        case F_INPUT_TOKENS, F_CACHE_CREATION, F_CACHE_READ -> {
          long n = count(t);
          if (n >= 0) {
            usageInput = Math.max(usageInput, 0) + n;
          }
        }
        case F_OUTPUT_TOKENS -> usageOutput = count(t);
        default -> c.skipValue();
      }
    }
    return usageInput >= 0 || usageOutput >= 0;
  }

  private void usage(long input, long output) {
    Usage u = usage(input, output, -1, -1);
    if (u != null) {
      pending.value(USAGE, u);
    }
  }

  private void textIf(int v, int opKind) {
    if (v == STRING) {
      text(opKind);
    } else {
      c.skipValue();
    }
  }

  @Override
  void commit() {
    if (kind == MESSAGE_START) {
      inputTokens = eventInput;
      stopReason = null;
      tools.clear();
    } else if (kind == MESSAGE_DELTA) {
      if (eventStop != null) {
        stopReason = eventStop;
      }
      if (eventInput >= 0) {
        inputTokens = eventInput;
      }
    } else if (kind == BLOCK_START && partType == T_TOOL_USE) {
      tools.add(blockIndex);
    } else if (kind == BLOCK_START) {
      tools.addOther(blockIndex);
    }
  }
}
