package org.ssechat.serve;

import org.ssechat.chat.ToolCall;
import org.ssechat.chat.Usage;
import org.ssechat.client.ChatResult;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The non-streaming {@code chat.completion} object for a decoded answer. */
final class CompletionJson {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private CompletionJson() {}

  /**
   * Builds {@code {"object":"chat.completion", "choices":[{"message":{…}}], "usage":{…}}}: content
   * (null when the answer is only tool calls), {@code reasoning_content} if there was reasoning,
   * {@code tool_calls} if any, the finish reason (null if the recording has none) and the usage
   * counts the stream reported. A recording in another dialect has its finish reason said in
   * Chat Completions' words ({@code end_turn} → {@code stop}).
   */
  static ObjectNode of(String id, long created, ChatResult r) {
    ObjectNode root = JSON.createObjectNode();
    root.put("id", id);
    root.put("object", "chat.completion");
    root.put("created", created);
    root.put("model", r.model());
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode msg = choice.putObject("message");
    msg.put("role", "assistant");
    if (r.content().isEmpty() && !r.toolCalls().isEmpty()) {
      msg.putNull("content");
    } else {
      msg.put("content", r.content());
    }
    if (!r.reasoning().isEmpty()) {
      msg.put("reasoning_content", r.reasoning());
    }
    msg.putNull("refusal");
    if (!r.toolCalls().isEmpty()) {
      ArrayNode calls = msg.putArray("tool_calls");
      for (ToolCall c : r.toolCalls()) {
        ObjectNode call = calls.addObject();
        call.put("id", c.id() != null ? c.id() : "call_" + c.index());
        call.put("type", "function");
        ObjectNode fn = call.putObject("function");
        fn.put("name", c.name() != null ? c.name() : "");
        fn.put("arguments", c.arguments());
      }
    }
    choice.putNull("logprobs");
    choice.put("finish_reason", r.finishReason() == null ? null
        : FinishKind.inChatWords(r.finishReason()));
    Usage u = r.usage();
    if (u != null) {
      ObjectNode usage = root.putObject("usage");
      long prompt = Math.max(0, u.promptTokens());
      long completion = Math.max(0, u.completionTokens());
      usage.put("prompt_tokens", prompt);
      usage.put("completion_tokens", completion);
      usage.put("total_tokens", u.totalTokens() >= 0 ? u.totalTokens() : prompt + completion);
      if (u.reasoningTokens() >= 0) {
        usage.putObject("completion_tokens_details").put("reasoning_tokens",
            u.reasoningTokens());
      }
    }
    return root;
  }
}
