package org.ssechat.serve;


/**
 * Deltas as an Anthropic Messages event stream: {@code message_start}, content
 * blocks ({@code text}, {@code thinking}, {@code tool_use} with {@code input_json_delta}),
 * {@code message_delta} with the stop reason and output tokens, {@code message_stop}.
 */
final class MessagesEventWriter extends DialectEventWriter {
  private enum Block { NONE, TEXT, THINKING, TOOL }

  private boolean started;
  private Block block = Block.NONE;
  private int index = -1;
  private int toolIndex = -1;

  MessagesEventWriter(String requestedModel) {
    super(requestedModel);
  }

  @Override
  void start() {
    if (!started) {
      started = true;
      event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_ssechat\","
          + "\"type\":\"message\",\"role\":\"assistant\",\"model\":" + str(modelName())
          + ",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
          + "\"usage\":{\"input_tokens\":0,\"output_tokens\":0}}}");
    }
  }

  private void open(Block kind, String contentBlock) {
    start();
    closeBlock();
    block = kind;
    index++;
    event("content_block_start", "{\"type\":\"content_block_start\",\"index\":" + index
        + ",\"content_block\":" + contentBlock + "}");
  }

  private void closeBlock() {
    if (block != Block.NONE) {
      event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}");
      block = Block.NONE;
    }
  }

  private void delta(String deltaJson) {
    event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + index
        + ",\"delta\":" + deltaJson + "}");
  }

  @Override
  public void onContent(int choice, char[] text, int off, int len) {
    if (choice != 0 || len == 0) {
      return;
    }
    if (block != Block.TEXT) {
      open(Block.TEXT, "{\"type\":\"text\",\"text\":\"\"}");
    }
    delta("{\"type\":\"text_delta\",\"text\":" + str(text, off, len) + "}");
  }

  @Override
  public void onRefusal(int choice, char[] text, int off, int len) {
    onContent(choice, text, off, len);
  }

  @Override
  public void onReasoning(int choice, char[] text, int off, int len) {
    if (choice != 0 || len == 0) {
      return;
    }
    if (block != Block.THINKING) {
      open(Block.THINKING, "{\"type\":\"thinking\",\"thinking\":\"\"}");
    }
    delta("{\"type\":\"thinking_delta\",\"thinking\":" + str(text, off, len) + "}");
  }

  @Override
  public void onToolCallFragment(int choice, int tool, String id, String name, char[] args,
      int off, int len) {
    if (choice != 0) {
      return;
    }
    if (block != Block.TOOL || tool != toolIndex) {
      toolIndex = tool;
      open(Block.TOOL, "{\"type\":\"tool_use\",\"id\":" + str(id == null ? "toolu_" + tool : id)
          + ",\"name\":" + str(name == null ? "" : name) + ",\"input\":{}}");
    }
    if (len > 0) {
      delta("{\"type\":\"input_json_delta\",\"partial_json\":" + str(args, off, len) + "}");
    }
  }

  @Override
  void error(String message) {
    event("error", "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":"
        + str(message) + "}}");
  }

  @Override
  void finish() {
    start();
    closeBlock();
    if (finishReason == null) {
      return; // the recording was cut: so is this stream
    }
    event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
        + str(FinishKind.of(finishReason).messages()) + ",\"stop_sequence\":null},"
        + "\"usage\":{\"output_tokens\":"
        + (usage == null ? 0 : count(usage.completionTokens())) + "}}");
    event("message_stop", "{\"type\":\"message_stop\"}");
  }
}
