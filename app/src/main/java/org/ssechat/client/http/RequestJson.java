package org.ssechat.client.http;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.ssechat.chat.ChatStreamDecoder.Dialect;
import org.ssechat.chat.ToolCall;
import org.ssechat.client.Attachment;
import org.ssechat.client.ChatMessage;
import org.ssechat.client.ChatRequest;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

/** Writes the {@code /chat/completions} request body with Jackson's streaming generator. */
public final class RequestJson {
  private static final JsonFactory JSON = new JsonFactory();

  private RequestJson() {}

  /**
   * {@code {"model":…,"messages":[…],"stream":true,"stream_options":{"include_usage":true},
   * "temperature":…,"max_tokens":…, …extra}} as UTF-8. Extra fields come last and may override
   * nothing already written (duplicates are skipped).
   */
  public static byte[] chatRequest(ChatRequest r) {
    return object(r, g -> {
      g.writeName("messages");
      g.writeStartArray();
      for (ChatMessage m : r.messages()) {
        message(g, m);
      }
      g.writeEndArray();
      g.writeName("stream");
      g.writeBoolean(true);
      if (r.includeUsage()) {
        g.writeName("stream_options");
        g.writeStartObject();
        g.writeName("include_usage");
        g.writeBoolean(true);
        g.writeEndObject();
      }
      if (r.temperature() != null) {
        g.writeName("temperature");
        g.writeNumber(r.temperature());
      }
      if (r.maxTokens() != null) {
        g.writeName("max_tokens");
        g.writeNumber(r.maxTokens());
      }
      for (Map.Entry<String, Object> e : r.extra().entrySet()) {
        if (!isWritten(e.getKey(), r)) {
          g.writeName(e.getKey());
          value(g, e.getValue());
        }
      }
    });
  }

  private static boolean isWritten(String key, ChatRequest r) {
    return switch (key) {
      case "model", "messages", "stream" -> true;
      case "stream_options" -> r.includeUsage();
      case "temperature" -> r.temperature() != null;
      case "max_tokens" -> r.maxTokens() != null;
      default -> false;
    };
  }

  private static void message(JsonGenerator g, ChatMessage m) {
    g.writeStartObject();
    g.writeName("role");
    g.writeString(m.role());
    g.writeName("content");
    if (m.attachments().isEmpty()) {
      g.writeString(m.content());
    } else {
      parts(g, m);
    }
    if (!m.toolCalls().isEmpty()) {
      g.writeName("tool_calls");
      g.writeStartArray();
      for (ToolCall c : m.toolCalls()) {
        g.writeStartObject();
        if (c.id() != null) {
          g.writeName("id");
          g.writeString(c.id());
        }
        g.writeName("type");
        g.writeString("function");
        g.writeName("function");
        g.writeStartObject();
        g.writeName("name");
        g.writeString(c.name() == null ? "" : c.name());
        g.writeName("arguments");
        g.writeString(c.arguments() == null ? "" : c.arguments());
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  /**
   * Content parts: the message text, then each attachment: a text file as a fenced text part
   * headed by its name, an image as an {@code image_url} part with a {@code data:} URL.
   */
  private static void parts(JsonGenerator g, ChatMessage m) {
    g.writeStartArray();
    if (!m.content().isEmpty()) {
      textPart(g, m.content());
    }
    for (Attachment a : m.attachments()) {
      if (a.bytes() == null) {
        textPart(g, missing(a));
      } else if (a.isImage()) {
        g.writeStartObject();
        g.writeName("type");
        g.writeString("image_url");
        g.writeName("image_url");
        g.writeStartObject();
        g.writeName("url");
        g.writeString("data:" + a.mediaType() + ";base64,"
            + Base64.getEncoder().encodeToString(a.bytes()));
        g.writeEndObject();
        g.writeEndObject();
      } else {
        textPart(g, fenced(a.name(), a.text()));
      }
    }
    g.writeEndArray();
  }

  /** {@code {"type":"text","text":…}}: the text block of Chat Completions and Messages alike. */
  static void textPart(JsonGenerator g, String text) {
    g.writeStartObject();
    g.writeName("type");
    g.writeString("text");
    g.writeName("text");
    g.writeString(text);
    g.writeEndObject();
  }

  /**
   * A request body: {@code {"model":…, …}} with the fields {@code fields} writes after the model,
   * as UTF-8. Every dialect's writer starts this way.
   */
  static byte[] object(ChatRequest r, Consumer<JsonGenerator> fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeName("model");
      g.writeString(r.model());
      fields.accept(g);
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /** The system messages' text joined by blank lines, or null (for top-level system fields). */
  static String systemPrompt(List<ChatMessage> messages) {
    StringBuilder sb = new StringBuilder();
    for (ChatMessage m : messages) {
      if (m.role().equals("system")) {
        sb.append(sb.length() == 0 ? "" : "\n\n").append(m.content());
      }
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  /** The note sent in place of a file whose stored content is gone. */
  static String missing(Attachment a) {
    return "(the attached file " + a.name() + " is no longer available)";
  }

  /**
   * The request body for {@code dialect}: Chat Completions, Anthropic Messages or OpenAI
   * Responses, from the same request.
   */
  public static byte[] body(ChatRequest r, Dialect dialect) {
    return switch (dialect) {
      case CHAT -> chatRequest(r);
      case MESSAGES -> MessagesRequestJson.body(r);
      case RESPONSES -> ResponsesRequestJson.body(r, r.reasoningSummary());
    };
  }

  /**
   * {@code name} and {@code text} as a Markdown fenced block, the fence longer than any run of
   * backticks in the text, the file's extension as its info string.
   */
  static String fenced(String name, String text) {
    int longest = 0;
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      run = text.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    String fence = "`".repeat(Math.max(3, longest + 1));
    int dot = name.lastIndexOf('.');
    String info = dot > 0 && dot < name.length() - 1 ? name.substring(dot + 1) : "";
    return name + ":\n" + fence + info + "\n" + text + (text.endsWith("\n") ? "" : "\n") + fence;
  }

  private static void value(JsonGenerator g, Object v) {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short
        || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof BigInteger b) {
      g.writeNumber(b);
    } else if (v instanceof BigDecimal b) {
      g.writeNumber(b);
    } else if (v instanceof Number n) {
      g.writeNumber(n.doubleValue());
    } else if (v instanceof List<?> list) {
      g.writeStartArray();
      for (Object o : list) {
        value(g, o);
      }
      g.writeEndArray();
    } else if (v instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        g.writeName(String.valueOf(e.getKey()));
        value(g, e.getValue());
      }
      g.writeEndObject();
    } else {
      throw new IllegalArgumentException("unsupported extra JSON value type "
          + v.getClass().getSimpleName() + " (use String, Number, Boolean, null, List or Map)");
    }
  }
}
