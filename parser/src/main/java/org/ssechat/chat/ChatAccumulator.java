package org.ssechat.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Collects one streamed response into whole values.
 *
 * <p>Text, tool calls and {@link #contentDeltas()} cover choice 0 only (the one a client shows;
 * nearly every stream has no other). {@link #finishReason()} prefers choice 0 and falls back to
 * any other choice. Model, usage, errors, malformed events and {@code [DONE]} are per stream.
 *
 * <p>Not thread-safe; read it on the thread that fed the decoder, or after the stream ended.
 */
public final class ChatAccumulator implements ChatDeltaListener {

  private String model;
  private String role;
  private final StringBuilder content = new StringBuilder();
  private final StringBuilder reasoning = new StringBuilder();
  private final StringBuilder refusal = new StringBuilder();
  private final Map<Integer, ToolCallBuilder> toolCalls = new TreeMap<>();
  private String finishReason;
  private String otherFinishReason;
  private Usage usage;
  private final List<StreamError> errors = new ArrayList<>();
  private final List<String> malformed = new ArrayList<>();
  private boolean doneSeen;
  private long contentDeltas;

  private static final class ToolCallBuilder {
    String id;
    String name;
    final StringBuilder arguments = new StringBuilder();
  }

  @Override
  public void onModel(String model) {
    this.model = model;
  }

  @Override
  public void onRole(int choice, String role) {
    if (choice == 0) {
      this.role = role;
    }
  }

  @Override
  public void onContent(int choice, char[] text, int off, int len) {
    if (choice == 0) {
      content.append(text, off, len);
      contentDeltas++;
    }
  }

  @Override
  public void onReasoning(int choice, char[] text, int off, int len) {
    if (choice == 0) {
      reasoning.append(text, off, len);
      contentDeltas++;
    }
  }

  @Override
  public void onRefusal(int choice, char[] text, int off, int len) {
    if (choice == 0) {
      refusal.append(text, off, len);
    }
  }

  @Override
  public void onToolCallFragment(int choice, int index, String id, String name, char[] arguments,
      int off, int len) {
    if (choice != 0) {
      return;
    }
    ToolCallBuilder b = toolCalls.computeIfAbsent(index, i -> new ToolCallBuilder());
    if (b.id == null) {
      b.id = id;
    }
    if (b.name == null) {
      b.name = name;
    }
    b.arguments.append(arguments, off, len);
  }

  @Override
  public void onFinish(int choice, String reason) {
    if (choice == 0) {
      finishReason = reason;
    } else {
      otherFinishReason = reason;
    }
  }

  @Override
  public void onUsage(Usage usage) {
    this.usage = usage;
  }

  @Override
  public void onError(StreamError error) {
    errors.add(error);
  }

  @Override
  public void onDone() {
    doneSeen = true;
  }

  @Override
  public void onMalformed(String problem, String excerpt) {
    malformed.add(problem);
  }

  /** The last model reported, or null. */
  public String model() {
    return model;
  }

  /** The last role of choice 0, or null. */
  public String role() {
    return role;
  }

  /** Choice 0's content so far. */
  public String content() {
    return content.toString();
  }

  /** Choice 0's reasoning so far. */
  public String reasoning() {
    return reasoning.toString();
  }

  /** Choice 0's refusal so far. */
  public String refusal() {
    return refusal.toString();
  }

  /**
   * Choice 0's tool calls by index (which may start at 1): first id and name win, arguments are
   * concatenated.
   */
  public List<ToolCall> toolCalls() {
    List<ToolCall> calls = new ArrayList<>(toolCalls.size());
    toolCalls.forEach((index, b) ->
        calls.add(new ToolCall(index, b.id, b.name, b.arguments.toString())));
    return calls;
  }

  /** The last finish reason of choice 0, else of any other choice, else null. */
  public String finishReason() {
    return finishReason != null ? finishReason : otherFinishReason;
  }

  /** The last usage reported, or null. */
  public Usage usage() {
    return usage;
  }

  /** Errors sent inside the stream, in order. */
  public List<StreamError> errors() {
    return List.copyOf(errors);
  }

  /** The problems of skipped malformed events, in order. */
  public List<String> malformed() {
    return List.copyOf(malformed);
  }

  /** Whether {@code [DONE]} arrived. */
  public boolean doneSeen() {
    return doneSeen;
  }

  /**
   * Non-empty content and reasoning deltas of choice 0: a stand-in for the completion token count
   * when the server sends no usage.
   */
  public long contentDeltas() {
    return contentDeltas;
  }
}
