package org.ssechat.serve;

import java.util.ArrayList;
import java.util.List;
import org.ssechat.sse.SseParser;
import org.ssechat.sse.SseParsers;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Deltas as an OpenAI Responses event stream: {@code response.created}, a
 * message item with {@code response.output_text.delta}s, reasoning as
 * {@code response.reasoning_summary_text.delta}, function calls with
 * {@code response.function_call_arguments.delta}, then {@code response.completed} (or
 * {@code response.incomplete} for a length or content-filter finish) carrying the output and usage.
 */
final class ResponsesEventWriter extends DialectEventWriter {
  private static final String ID = "resp_ssechat";
  private boolean started;
  private int sequence;
  private final StringBuilder text = new StringBuilder();
  private final StringBuilder reasoning = new StringBuilder();
  private final List<String[]> calls = new ArrayList<>(); // {call id, name, arguments}
  private int messageIndex = -1;
  private int toolIndex = -1;
  private int nextOutput;

  ResponsesEventWriter(String requestedModel) {
    super(requestedModel);
  }

  private void emit(String type, String rest) {
    event(type, "{\"type\":\"" + type + "\",\"sequence_number\":" + (sequence++) + rest + "}");
  }

  private String response(String status, String output, String extra) {
    return "{\"id\":\"" + ID + "\",\"object\":\"response\",\"created_at\":0,\"status\":\""
        + status + "\",\"model\":" + str(modelName()) + ",\"output\":" + output + extra + "}";
  }

  @Override
  void start() {
    if (!started) {
      started = true;
      emit("response.created", ",\"response\":" + response("in_progress", "[]", ""));
    }
  }

  @Override
  public void onContent(int choice, char[] t, int off, int len) {
    if (choice != 0 || len == 0) {
      return;
    }
    start();
    if (messageIndex < 0) {
      messageIndex = nextOutput++;
      emit("response.output_item.added", ",\"output_index\":" + messageIndex + ",\"item\":{"
          + "\"id\":\"msg_ssechat\",\"type\":\"message\",\"status\":\"in_progress\","
          + "\"role\":\"assistant\",\"content\":[]}");
    }
    text.append(t, off, len);
    emit("response.output_text.delta", ",\"item_id\":\"msg_ssechat\",\"output_index\":"
        + messageIndex + ",\"content_index\":0,\"delta\":" + str(t, off, len));
  }

  @Override
  public void onRefusal(int choice, char[] t, int off, int len) {
    onContent(choice, t, off, len);
  }

  @Override
  public void onReasoning(int choice, char[] t, int off, int len) {
    if (choice != 0 || len == 0) {
      return;
    }
    start();
    reasoning.append(t, off, len);
    emit("response.reasoning_summary_text.delta", ",\"item_id\":\"rs_ssechat\","
        + "\"output_index\":0,\"summary_index\":0,\"delta\":" + str(t, off, len));
  }

  @Override
  public void onToolCallFragment(int choice, int tool, String id, String name, char[] args,
      int off, int len) {
    if (choice != 0) {
      return;
    }
    start();
    if (tool != toolIndex) {
      toolIndex = tool;
      String callId = id == null ? "call_" + tool : id;
      calls.add(new String[] {callId, name == null ? "" : name, ""});
      emit("response.output_item.added", ",\"output_index\":" + (nextOutput++) + ",\"item\":{"
          + "\"id\":\"fc_" + tool + "\",\"type\":\"function_call\",\"status\":\"in_progress\","
          + "\"call_id\":" + str(callId) + ",\"name\":" + str(name == null ? "" : name)
          + ",\"arguments\":\"\"}");
    }
    if (len > 0) {
      String[] call = calls.get(calls.size() - 1);
      call[2] += new String(args, off, len);
      emit("response.function_call_arguments.delta", ",\"item_id\":\"fc_" + tool
          + "\",\"output_index\":" + (nextOutput - 1) + ",\"delta\":" + str(args, off, len));
    }
  }

  /** Numbers its events after the highest {@code sequence_number} in those bytes. */
  @Override
  void continueAfter(byte[] sent, int length) {
    SseParser p = SseParsers.create(e -> {
      try (JsonParser json = ServeJson.JSON.createParser(e.dataArray(), e.dataOffset(),
          e.dataLength())) {
        if (json.nextToken() != JsonToken.START_OBJECT) {
          return;
        }
        for (JsonToken t = json.nextToken(); t == JsonToken.PROPERTY_NAME; t = json.nextToken()) {
          JsonToken value = json.nextToken();
          if (value == JsonToken.VALUE_NUMBER_INT && json.currentName().equals("sequence_number")) {
            sequence = Math.max(sequence, json.getIntValue() + 1);
            return;
          }
          json.skipChildren();
        }
      } catch (JacksonException notJson) {
        // not an event of this dialect: nothing to number after
      }
    });
    p.feed(sent, 0, length);
  }

  @Override
  void error(String message) {
    emit("error", ",\"code\":null,\"message\":" + str(message) + ",\"param\":null");
  }

  @Override
  void finish() {
    start();
    if (finishReason == null) {
      return; // the recording was cut: so is this stream
    }
    StringBuilder output = new StringBuilder("[");
    if (reasoning.length() > 0) {
      output.append("{\"id\":\"rs_ssechat\",\"type\":\"reasoning\",\"summary\":[{\"type\":"
          + "\"summary_text\",\"text\":").append(str(reasoning.toString())).append("}]}");
    }
    if (text.length() > 0) {
      output.append(output.length() > 1 ? "," : "").append("{\"id\":\"msg_ssechat\",\"type\":"
          + "\"message\",\"status\":\"completed\",\"role\":\"assistant\",\"content\":[{\"type\":"
          + "\"output_text\",\"text\":").append(str(text.toString()))
          .append(",\"annotations\":[]}]}");
    }
    for (String[] c : calls) {
      output.append(output.length() > 1 ? "," : "").append("{\"id\":\"fc_ssechat\",\"type\":"
          + "\"function_call\",\"status\":\"completed\",\"call_id\":").append(str(c[0]))
          .append(",\"name\":").append(str(c[1])).append(",\"arguments\":").append(str(c[2]))
          .append("}");
    }
    output.append(']');
    String usageJson = usage == null ? "" : ",\"usage\":{\"input_tokens\":"
        + count(usage.promptTokens()) + ",\"output_tokens\":" + count(usage.completionTokens())
        + ",\"total_tokens\":" + count(usage.totalTokens()) + ",\"input_tokens_details\":"
        + "{\"cached_tokens\":0},\"output_tokens_details\":{\"reasoning_tokens\":"
        + count(usage.reasoningTokens()) + "}}";
    FinishKind kind = FinishKind.of(finishReason);
    if (kind == FinishKind.LENGTH || kind == FinishKind.FILTER) {
      emit("response.incomplete", ",\"response\":" + response("incomplete", output.toString(),
          ",\"incomplete_details\":{\"reason\":\"" + (kind == FinishKind.LENGTH
              ? "max_output_tokens" : "content_filter") + "\"}" + usageJson));
    } else {
      emit("response.completed", ",\"response\":" + response("completed", output.toString(),
          usageJson));
    }
  }
}
