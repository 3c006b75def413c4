package org.ssechat.chat;

import static org.ssechat.chat.JsonCursor.NAME;
import static org.ssechat.chat.JsonCursor.START_OBJECT;
import static org.ssechat.chat.JsonCursor.STRING;
import static org.ssechat.chat.PendingDeltas.CONTENT;
import static org.ssechat.chat.PendingDeltas.DROP;
import static org.ssechat.chat.PendingDeltas.ERROR;
import static org.ssechat.chat.PendingDeltas.PART_TEXT;
import static org.ssechat.chat.PendingDeltas.REASONING;
import static org.ssechat.chat.PendingDeltas.REFUSAL;

import java.util.function.IntConsumer;

/**
 * Decodes an OpenAI Responses stream ({@code POST /v1/responses} with {@code "stream": true})
 * into {@link ChatDeltaListener} callbacks, choice 0. The event is named by its SSE {@code event}
 * field, else by the data's {@code "type"}:
 * <ul>
 *   <li>{@code response.created}, {@code response.in_progress}: {@code response.model} →
 *       {@link ChatDeltaListener#onModel} (when it first appears or changes);</li>
 *   <li>{@code response.output_text.delta} → content; {@code response.reasoning_summary_text.delta}
 *       and {@code response.reasoning_text.delta} → reasoning; {@code response.refusal.delta} →
 *       refusal (each its {@code delta});</li>
 *   <li>{@code response.output_item.added} with a {@code function_call} item → a tool-call
 *       fragment with its {@code call_id}, {@code name} and arguments (usually empty); the tool
 *       index is 0 for the response's first function call, 1 for the next...;
 *       {@code response.function_call_arguments.delta} → arguments for the call at its
 *       {@code output_index};</li>
 *   <li>{@code response.completed} → {@code onUsage} ({@code input_tokens},
 *       {@code output_tokens}, {@code total_tokens},
 *       {@code output_tokens_details.reasoning_tokens}), then {@code onFinish("completed")};</li>
 *   <li>{@code response.incomplete} → {@code onUsage}, then {@code onFinish} with
 *       {@code response.incomplete_details.reason} ({@code "incomplete"} if absent);</li>
 *   <li>{@code response.failed} → {@code onUsage} if counted, then {@code onError} with
 *       {@code response.error}; an {@code error} event → {@code onError};</li>
 *   <li>every other event ({@code ….done}, {@code response.content_part.added}, …) is checked
 *       (JSON) and ignored.</li>
 * </ul>
 * Only {@code response.completed} and {@code response.incomplete} finish: a stream cut before
 * them is truncated.
 *
 * <p>{@link #onDocument}: a non-streamed {@code response} object gives the same callbacks from its
 * {@code output} items ({@code message} → {@code output_text} content and {@code refusal},
 * {@code reasoning} → its {@code summary_text} and {@code reasoning_text} as reasoning,
 * {@code function_call} → one whole tool call), then usage and the outcome its {@code status}
 * says, as above; an error document → {@code onError}.
 *
 * <p>Atomicity, borrowed text and cost are those of {@link ChatChunkDecoder}: nothing is
 * allocated per event in the steady state. Not thread-safe: one decoder per stream.
 */
public final class ResponsesDecoder extends JsonEventDecoder {

  private static final int CREATED = 0;
  private static final int IN_PROGRESS = 1;
  private static final int TEXT_DELTA = 2;
  private static final int SUMMARY_DELTA = 3;
  private static final int REASONING_DELTA = 4;
  private static final int REFUSAL_DELTA = 5;
  private static final int ITEM_ADDED = 6;
  private static final int ARGUMENTS_DELTA = 7;
  private static final int COMPLETED = 8;
  private static final int INCOMPLETE = 9;
  private static final int FAILED = 10;
  private static final int ERROR_EVENT = 11;

  private static final JsonCursor.Names FIELDS = new JsonCursor.Names("type", "response", "model",
      "delta", "output_index", "item", "call_id", "id", "name", "arguments", "usage",
      "input_tokens", "output_tokens", "total_tokens", "output_tokens_details",
      "reasoning_tokens", "incomplete_details", "reason", "error", "status", "output", "content",
      "summary", "text", "refusal");
  private static final int F_TYPE = 0;
  private static final int F_RESPONSE = 1;
  private static final int F_MODEL = 2;
  private static final int F_DELTA = 3;
  private static final int F_OUTPUT_INDEX = 4;
  private static final int F_ITEM = 5;
  private static final int F_CALL_ID = 6;
  private static final int F_ID = 7;
  private static final int F_NAME = 8;
  private static final int F_ARGUMENTS = 9;
  private static final int F_USAGE = 10;
  private static final int F_INPUT_TOKENS = 11;
  private static final int F_OUTPUT_TOKENS = 12;
  private static final int F_TOTAL_TOKENS = 13;
  private static final int F_OUTPUT_TOKENS_DETAILS = 14;
  private static final int F_REASONING_TOKENS = 15;
  private static final int F_INCOMPLETE_DETAILS = 16;
  private static final int F_REASON = 17;
  private static final int F_ERROR = 18;
  private static final int F_STATUS = 19;
  private static final int F_OUTPUT = 20;
  private static final int F_CONTENT = 21;
  private static final int F_SUMMARY = 22;
  private static final int F_TEXT = 23;
  private static final int F_REFUSAL = 24;
  private static final UsageNames USAGE_NAMES = new UsageNames(FIELDS, F_INPUT_TOKENS,
      F_OUTPUT_TOKENS, F_TOTAL_TOKENS, F_OUTPUT_TOKENS_DETAILS, F_REASONING_TOKENS);

  /** Item, part and status values. */
  private static final JsonCursor.Names VALUES = new JsonCursor.Names("function_call",
      "output_text", "summary_text", "reasoning_text", "completed", "incomplete", "failed");
  private static final int V_FUNCTION_CALL = 0;
  private static final int V_OUTPUT_TEXT = 1;
  private static final int V_SUMMARY_TEXT = 2;
  private static final int V_REASONING_TEXT = 3;
  private static final int V_COMPLETED = 4;
  private static final int V_INCOMPLETE = 5;
  private static final int V_FAILED = 6;

  private static final String COMPLETED_REASON = "completed";
  private static final String INCOMPLETE_REASON = "incomplete";

  private final LastString callIds = new LastString();
  private final LastString itemIds = new LastString();
  private final LastString toolNames = new LastString();
  private final LastString reasons = new LastString();

  private final ToolIndexes tools = new ToolIndexes();
  // Made once: a method reference per array read would be an allocation per event.
  private final IntConsumer itemReader = position -> readItem();
  private final IntConsumer partReader = position -> readPart();

  // The event being read, applied by commit().
  private int outputIndex;
  private boolean toolAdded;
  /** Function calls in the document being read. */
  private int documentTools;

  public ResponsesDecoder(ChatDeltaListener listener) {
    super(listener, "response.created", "response.in_progress", "response.output_text.delta",
        "response.reasoning_summary_text.delta", "response.reasoning_text.delta",
        "response.refusal.delta", "response.output_item.added",
        "response.function_call_arguments.delta", "response.completed", "response.incomplete",
        "response.failed", "error");
  }

  @Override
  void readRoot() {
    outputIndex = -1;
    toolAdded = false;
    switch (kind) {
      case DOCUMENT -> {
        documentTools = 0;
        readResponse();
      }
      case ERROR_EVENT -> readErrorEvent();
      case OTHER -> c.skipValue();
      default -> readEvent();
    }
  }

  private void readEvent() {
    int argStart = 0;
    int argLen = 0;
    while (c.next() == NAME) {
      int name = c.name(FIELDS);
      int v = c.next();
      switch (name) {
        case F_RESPONSE -> {
          if (v == START_OBJECT) {
            readResponse();
          } else {
            c.skipValue();
          }
        }
        case F_DELTA -> {
          if (v != STRING) {
            c.skipValue();
          } else if (kind == ARGUMENTS_DELTA) {
            argLen = c.textLength();
            argStart = pending.copy(c.textChars(), 0, argLen);
          } else {
            deltaText();
          }
        }
        case F_OUTPUT_INDEX -> outputIndex = intOr(v, -1);
        case F_ITEM -> {
          if (kind == ITEM_ADDED && v == START_OBJECT) {
            toolAdded = readItem() == V_FUNCTION_CALL;
          } else {
            c.skipValue();
          }
        }
        default -> c.skipValue();
      }
    }
    if (argLen > 0) {
      // Arguments for an item whose start was not seen: its tool gets the next index.
      pending.tool(tools.at(outputIndex), null, null, argStart, argLen);
    }
  }

  private void deltaText() {
    switch (kind) {
      case TEXT_DELTA -> text(CONTENT);
      case SUMMARY_DELTA, REASONING_DELTA -> text(REASONING);
      case REFUSAL_DELTA -> text(REFUSAL);
      default -> {
        // A delta of an event that has none we use.
      }
    }
  }

  /**
   * A {@code response} object: an event's, or the document. Events read its model, usage and
   * outcome; a document also its {@code output}.
   */
  private void readResponse() {
    int status = -1;
    String reason = null;
    boolean failed = false;
    int errors = 0;
    Usage usage = null;
    while (c.next() == NAME) {
      int name = c.name(FIELDS);
      int v = c.next();
      switch (name) {
        case F_MODEL -> readModel(v);
        case F_STATUS -> status = value(v);
        case F_OUTPUT -> {
          if (kind == DOCUMENT) {
            readObjects(v, itemReader);
          } else {
            c.skipValue();
          }
        }
        case F_USAGE -> usage = readUsage(v, USAGE_NAMES);
        case F_INCOMPLETE_DETAILS -> reason = readReason(v);
        case F_ERROR -> {
          int before = pending.count();
          readError(v);
          errors += pending.count() - before;
        }
        default -> c.skipValue();
      }
    }
    if (usage != null) {
      pending.value(PendingDeltas.USAGE, usage);
    }
    if (kind == COMPLETED || kind == DOCUMENT && status == V_COMPLETED) {
      pending.finish(0, COMPLETED_REASON);
    } else if (kind == INCOMPLETE || kind == DOCUMENT && status == V_INCOMPLETE) {
      pending.finish(0, reason != null ? reason : INCOMPLETE_REASON);
    } else if ((kind == FAILED || kind == DOCUMENT && status == V_FAILED) && errors == 0) {
      pending.value(ERROR, new StreamError(ErrorObjects.NO_MESSAGE, null, null));
    }
  }


  private String readReason(int v) {
    if (v != START_OBJECT) {
      c.skipValue();
      return null;
    }
    String reason = null;
    while (c.next() == NAME) {
      int name = c.name(FIELDS);
      int t = c.next();
      if (name == F_REASON) {
        reason = nonEmptyString(t, reasons);
      } else {
        c.skipValue();
      }
    }
    return reason;
  }

  /** One output item (its text only in a document); its type. */
  private int readItem() {
    int type = -1;
    String callId = null;
    String id = null;
    String name = null;
    int argStart = 0;
    int argLen = 0;
    while (c.next() == NAME) {
      int field = c.name(FIELDS);
      int v = c.next();
      switch (field) {
        case F_TYPE -> type = value(v);
        case F_CALL_ID -> callId = nonEmptyString(v, callIds);
        case F_ID -> id = nonEmptyString(v, itemIds);
        case F_NAME -> name = nonEmptyString(v, toolNames);
        case F_ARGUMENTS -> {
          if (v == STRING) {
            argLen = c.textLength();
            argStart = pending.copy(c.textChars(), 0, argLen);
          } else {
            c.skipValue();
          }
        }
        case F_CONTENT, F_SUMMARY -> {
          if (kind == DOCUMENT) {
            readObjects(v, partReader);
          } else {
            c.skipValue();
          }
        }
        default -> c.skipValue();
      }
    }
    if (type == V_FUNCTION_CALL) {
      int tool = kind == DOCUMENT ? documentTools++ : tools.next();
      pending.tool(tool, callId != null ? callId : id, name, argStart, argLen);
    }
    return type;
  }

  /** One of an item's {@code content} or {@code summary} parts. */
  private void readPart() {
    int first = pending.count();
    int type = -1;
    while (c.next() == NAME) {
      int field = c.name(FIELDS);
      int v = c.next();
      if (field == F_TYPE) {
        type = value(v);
      } else if (field == F_TEXT && v == STRING) {
        text(PART_TEXT);
      } else if (field == F_REFUSAL && v == STRING) {
        text(REFUSAL);
      } else {
        c.skipValue();
      }
    }
    pending.retag(first, PART_TEXT, type == V_OUTPUT_TEXT ? CONTENT
        : type == V_SUMMARY_TEXT || type == V_REASONING_TEXT ? REASONING : DROP);
  }



  /** A string among {@link #VALUES}: its position; -1 for any other value. */
  private int value(int v) {
    int found = v == STRING ? c.name(VALUES) : -1;
    c.skipValue();
    return found;
  }

  @Override
  void commit() {
    if (kind == CREATED) {
      tools.clear();
    } else if (kind == ITEM_ADDED && toolAdded) {
      tools.add(outputIndex);
    }
  }
}
