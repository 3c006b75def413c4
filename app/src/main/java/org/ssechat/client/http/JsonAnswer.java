package org.ssechat.client.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.ssechat.chat.ChatDeltaListener;
import org.ssechat.chat.Usage;
import org.ssechat.client.ChatResult;
import org.ssechat.client.ResponseStreamProcessor;

/** A non-streamed JSON answer to a streaming request (servers that ignore {@code stream:true}). */
final class JsonAnswer {
  private JsonAnswer() {}

  /**
   * Delivers a 200 JSON body: a {@code chat.completion} becomes one delta of each kind and a
   * normal result (with a warning); anything else (an error object) becomes ERROR.
   */
  static ChatResult deliver(ResponseStreamProcessor p, byte[] b, int status, URI uri,
      String key) {
    Map<String, String> json = JsonScan.scalars(b, 0, b.length);
    if (json == null) {
      return p.fail("the answer from " + uri.getHost() + " is not valid JSON: "
          + HttpErrors.snippet(new String(b, StandardCharsets.UTF_8), key));
    }
    boolean hasChoice = json.keySet().stream().anyMatch(k -> k.startsWith("choices.0."));
    if (!hasChoice) {
      return p.fail("HTTP " + status + " from " + uri.getHost() + " with an error: "
          + HttpErrors.detail(b, b.length, key));
    }
    p.warn("the server sent one JSON answer instead of a stream");
    ChatDeltaListener sink = p.deltaSink();
    if (json.get("model") != null) {
      sink.onModel(json.get("model"));
    }
    for (String field : new String[] {"reasoning_content", "reasoning"}) {
      String r = json.get("choices.0.message." + field);
      if (r != null) {
        sink.onReasoning(0, r.toCharArray(), 0, r.length());
      }
    }
    String content = json.get("choices.0.message.content");
    if (content != null) {
      sink.onContent(0, content.toCharArray(), 0, content.length());
    }
    for (int i = 0; json.containsKey("choices.0.message.tool_calls." + i + ".function.name")
        || json.containsKey("choices.0.message.tool_calls." + i + ".id"); i++) {
      String pre = "choices.0.message.tool_calls." + i + ".";
      String args = json.getOrDefault(pre + "function.arguments", "");
      args = args == null ? "" : args;
      sink.onToolCallFragment(0, i, json.get(pre + "id"), json.get(pre + "function.name"),
          args.toCharArray(), 0, args.length());
    }
    if (json.get("usage.completion_tokens") != null) {
      sink.onUsage(new Usage(num(json, "usage.prompt_tokens"),
          num(json, "usage.completion_tokens"), num(json, "usage.total_tokens"),
          num(json, "usage.completion_tokens_details.reasoning_tokens")));
    }
    String finish = json.get("choices.0.finish_reason");
    if (finish != null) {
      sink.onFinish(0, finish);
    }
    return p.finish();
  }

  private static long num(Map<String, String> json, String key) {
    try {
      return Long.parseLong(json.get(key));
    } catch (RuntimeException e) {
      return -1;
    }
  }
}
