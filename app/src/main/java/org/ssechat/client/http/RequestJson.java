package org.ssechat.client.http;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.ssechat.chat.ToolCall;
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
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeName("model");
      g.writeString(r.model());
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
      g.writeEndObject();
    }
    return out.toByteArray();
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
    g.writeString(m.content());
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
