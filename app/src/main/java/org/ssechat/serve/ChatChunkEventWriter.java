package org.ssechat.serve;

import org.ssechat.chat.StreamError;

/**
 * Deltas as a Chat Completions chunk stream: a role chunk, {@code content},
 * {@code reasoning_content} and {@code tool_calls} deltas, the {@code finish_reason} chunk, a
 * usage chunk ({@code choices: []}) and {@code data: [DONE]}; an error as an
 * {@code {"error":…}} chunk. What a Chat Completions client gets from an Anthropic Messages or
 * OpenAI Responses recording.
 */
final class ChatChunkEventWriter extends DialectEventWriter {
  private boolean started;
  private int toolIndex = -1;

  ChatChunkEventWriter(String requestedModel) {
    super(requestedModel);
  }

  private void chunk(String choices, String usageJson) {
    data("{\"id\":\"chatcmpl-ssechat\",\"object\":\"chat.completion.chunk\",\"created\":0,"
        + "\"model\":" + str(modelName()) + ",\"choices\":" + choices
        + (usageJson == null ? "" : ",\"usage\":" + usageJson) + "}");
  }

  private void delta(String deltaJson) {
    start();
    chunk("[{\"index\":0,\"delta\":" + deltaJson + ",\"finish_reason\":null}]", null);
  }

  @Override
  void start() {
    if (!started) {
      started = true;
      chunk("[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},"
          + "\"finish_reason\":null}]", null);
    }
  }

  @Override
  public void onContent(int choice, char[] text, int off, int len) {
    if (choice == 0 && len > 0) {
      delta("{\"content\":" + str(text, off, len) + "}");
    }
  }

  @Override
  public void onRefusal(int choice, char[] text, int off, int len) {
    if (choice == 0 && len > 0) {
      delta("{\"refusal\":" + str(text, off, len) + "}");
    }
  }

  @Override
  public void onReasoning(int choice, char[] text, int off, int len) {
    if (choice == 0 && len > 0) {
      delta("{\"reasoning_content\":" + str(text, off, len) + "}");
    }
  }

  @Override
  public void onToolCallFragment(int choice, int tool, String id, String name, char[] args,
      int off, int len) {
    if (choice != 0) {
      return;
    }
    StringBuilder call = new StringBuilder("{\"index\":").append(tool);
    if (tool != toolIndex) {
      toolIndex = tool;
      call.append(",\"id\":").append(str(id == null ? "call_" + tool : id))
          .append(",\"type\":\"function\",\"function\":{\"name\":")
          .append(str(name == null ? "" : name)).append(",\"arguments\":")
          .append(str(args, off, len)).append("}}");
    } else {
      call.append(",\"function\":{\"arguments\":").append(str(args, off, len)).append("}}");
    }
    delta("{\"tool_calls\":[" + call + "]}");
  }

  /** An error is a chunk of its own: no role chunk is needed before it. */
  @Override
  public void onError(StreamError error) {
    error(error.message());
  }

  @Override
  void error(String message) {
    data("{\"error\":{\"message\":" + str(message) + ",\"type\":\"server_error\"}}");
  }

  @Override
  void finish() {
    start();
    if (finishReason == null) {
      return; // the recording was cut: so is this stream
    }
    chunk("[{\"index\":0,\"delta\":{},\"finish_reason\":\""
        + FinishKind.inChatWords(finishReason) + "\"}]", null);
    if (usage != null) {
      long prompt = count(usage.promptTokens());
      long completion = count(usage.completionTokens());
      chunk("[]", "{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion
          + ",\"total_tokens\":" + (usage.totalTokens() >= 0 ? usage.totalTokens()
          : prompt + completion) + "}");
    }
    data("[DONE]");
  }
}
