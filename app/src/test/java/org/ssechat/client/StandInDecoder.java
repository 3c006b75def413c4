package org.ssechat.client;

import java.nio.charset.StandardCharsets;
import org.ssechat.chat.ChatDeltaListener;
import org.ssechat.chat.StreamError;
import org.ssechat.chat.Usage;
import org.ssechat.sse.SseEvent;
import org.ssechat.sse.SseListener;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * TEMPORARY test-only stand-in for {@code org.ssechat.chat.ChatChunkDecoder} until the real one is
 * merged into main. Deliberately simple (object trees); delete once the real decoder arrives.
 */
public final class StandInDecoder implements SseListener {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final byte[] DONE = "[DONE]".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ERROR = "error".getBytes(StandardCharsets.US_ASCII);

  private final ChatDeltaListener out;
  private String model;

  public StandInDecoder(ChatDeltaListener out) {
    this.out = out;
  }

  @Override
  public void onEvent(SseEvent event) {
    if (event.dataEquals(DONE)) {
      out.onDone();
      return;
    }
    String data = event.data();
    JsonNode root;
    try {
      root = MAPPER.readTree(event.dataArray(), event.dataOffset(), event.dataLength());
    } catch (RuntimeException e) {
      out.onMalformed("invalid JSON", data.substring(0, Math.min(80, data.length())));
      return;
    }
    if (root == null || !root.isObject()) {
      out.onMalformed("not a JSON object", data.substring(0, Math.min(80, data.length())));
      return;
    }
    JsonNode err = root.get("error");
    if (err != null && !err.isNull() || event.typeEquals(ERROR)) {
      JsonNode e = err != null && err.isObject() ? err : root;
      out.onError(new StreamError(text(e, "message", "unknown error"), text(e, "type", null),
          text(e, "code", null)));
    }
    String m = text(root, "model", null);
    if (m != null && !m.isEmpty() && !m.equals(model)) {
      model = m;
      out.onModel(m);
    }
    for (JsonNode c : root.path("choices")) {
      int i = c.path("index").asInt(0);
      JsonNode d = c.path("delta");
      if (d.hasNonNull("role")) {
        out.onRole(i, d.get("role").asString());
      }
      for (String f : new String[] {"reasoning_content", "reasoning"}) {
        if (d.path(f).isString()) {
          char[] t = d.get(f).asString().toCharArray();
          out.onReasoning(i, t, 0, t.length);
        }
      }
      for (JsonNode rd : d.path("reasoning_details")) {
        if (rd.path("text").isString()) {
          char[] t = rd.get("text").asString().toCharArray();
          out.onReasoning(i, t, 0, t.length);
        }
      }
      if (d.path("content").isString()) {
        char[] t = d.get("content").asString().toCharArray();
        out.onContent(i, t, 0, t.length);
      }
      if (d.path("refusal").isString()) {
        char[] t = d.get("refusal").asString().toCharArray();
        out.onRefusal(i, t, 0, t.length);
      }
      for (JsonNode tc : d.path("tool_calls")) {
        JsonNode fn = tc.path("function");
        char[] a = fn.path("arguments").isString() ? fn.get("arguments").asString().toCharArray()
            : new char[0];
        out.onToolCallFragment(i, tc.path("index").asInt(0), text(tc, "id", null),
            text(fn, "name", null), a, 0, a.length);
      }
      if (c.hasNonNull("usage")) {
        out.onUsage(usage(c.get("usage")));
      }
      if (c.hasNonNull("finish_reason")) {
        out.onFinish(i, c.get("finish_reason").asString());
      }
    }
    if (root.hasNonNull("usage")) {
      out.onUsage(usage(root.get("usage")));
    } else if (root.path("x_groq").hasNonNull("usage")) {
      out.onUsage(usage(root.get("x_groq").get("usage")));
    }
  }

  private static Usage usage(JsonNode u) {
    return new Usage(u.path("prompt_tokens").asLong(-1), u.path("completion_tokens").asLong(-1),
        u.path("total_tokens").asLong(-1),
        u.path("completion_tokens_details").path("reasoning_tokens").asLong(-1));
  }

  private static String text(JsonNode n, String field, String dflt) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? dflt : v.asString();
  }
}
