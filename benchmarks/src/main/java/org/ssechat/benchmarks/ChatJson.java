package org.ssechat.benchmarks;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * The one Jackson streaming extraction that every string- or byte-based contender runs on its event
 * data in the end-to-end benchmarks, so only the framing differs: content, reasoning,
 * finish_reason and usage, text as {@code char[]} slices, everything else skipped.
 */
public final class ChatJson {

  private static final JsonFactory JSON = new JsonFactory();
  private static final ObjectReadContext CTX = ObjectReadContext.empty();
  private static final String DONE = "[DONE]";

  private ChatJson() {}

  /** Extracts from one event's data; returns false if it was not a JSON object (e.g. [DONE]). */
  public static boolean extract(String data, ChatSink sink) {
    if (data.isEmpty() || data.charAt(0) != '{') {
      return false;
    }
    try (JsonParser p = JSON.createParser(CTX, data)) {
      return object(p, sink);
    } catch (JacksonException e) {
      return false;
    }
  }

  /** Extracts from UTF-8 event data in place. */
  public static boolean extract(byte[] data, int off, int len, ChatSink sink) {
    if (len == 0 || data[off] != '{') {
      return false;
    }
    try (JsonParser p = JSON.createParser(CTX, data, off, len)) {
      return object(p, sink);
    } catch (JacksonException e) {
      return false;
    }
  }

  /** Whether {@code data} is the {@code [DONE]} sentinel. */
  public static boolean isDone(String data) {
    return DONE.equals(data);
  }

  private static boolean object(JsonParser p, ChatSink sink) {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      return false;
    }
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      if (name.equals("choices") && t == JsonToken.START_ARRAY) {
        while (p.nextToken() == JsonToken.START_OBJECT) {
          choice(p, sink);
        }
      } else if (name.equals("usage") && t == JsonToken.START_OBJECT) {
        usage(p, sink);
      } else {
        p.skipChildren();
      }
    }
    return true;
  }

  private static void choice(JsonParser p, ChatSink sink) {
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      if (name.equals("delta") && t == JsonToken.START_OBJECT) {
        delta(p, sink);
      } else if (name.equals("finish_reason") && t == JsonToken.VALUE_STRING) {
        sink.finish(p.getString());
      } else {
        p.skipChildren();
      }
    }
  }

  private static void delta(JsonParser p, ChatSink sink) {
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      if (t != JsonToken.VALUE_STRING) {
        p.skipChildren();
      } else if (name.equals("content")) {
        sink.content(p.getStringCharacters(), p.getStringOffset(), p.getStringLength());
      } else if (name.equals("reasoning_content") || name.equals("reasoning")) {
        sink.reasoning(p.getStringCharacters(), p.getStringOffset(), p.getStringLength());
      }
    }
  }

  private static void usage(JsonParser p, ChatSink sink) {
    long prompt = -1;
    long completion = -1;
    long total = -1;
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      if (t == JsonToken.VALUE_NUMBER_INT) {
        switch (name) {
          case "prompt_tokens" -> prompt = p.getLongValue();
          case "completion_tokens" -> completion = p.getLongValue();
          case "total_tokens" -> total = p.getLongValue();
          default -> { }
        }
      } else {
        p.skipChildren();
      }
    }
    sink.usage(prompt, completion, total);
  }
}
