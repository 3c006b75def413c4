package org.ssechat.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The accumulator and the tee, driven directly through the listener methods. */
class ChatAccumulatorTest {

  private static char[] chars(String s) {
    return ("[" + s + "]").toCharArray();
  }

  private static void content(ChatDeltaListener l, int choice, String s) {
    l.onContent(choice, chars(s), 1, s.length());
  }

  @Test
  void textIsChoiceZeroOnly() {
    ChatAccumulator acc = new ChatAccumulator();
    acc.onRole(0, "assistant");
    acc.onRole(1, "other");
    content(acc, 0, "Hel");
    content(acc, 1, "ignored");
    content(acc, 0, "lo");
    acc.onReasoning(0, chars("why"), 1, 3);
    acc.onReasoning(2, chars("no"), 1, 2);
    acc.onRefusal(0, chars("nope"), 1, 4);
    assertThat(acc.role()).isEqualTo("assistant");
    assertThat(acc.content()).isEqualTo("Hello");
    assertThat(acc.reasoning()).isEqualTo("why");
    assertThat(acc.refusal()).isEqualTo("nope");
    assertThat(acc.contentDeltas()).isEqualTo(3);
  }

  @Test
  void toolCallsMergeByIndexInIndexOrder() {
    ChatAccumulator acc = new ChatAccumulator();
    acc.onToolCallFragment(0, 2, "b", "second", chars("{"), 1, 1);
    acc.onToolCallFragment(0, 1, null, null, chars("{\"a\""), 1, 4);
    acc.onToolCallFragment(0, 1, "a", "first", chars(":1}"), 1, 3);
    acc.onToolCallFragment(0, 2, "late-id", "late-name", chars("}"), 1, 1);
    acc.onToolCallFragment(1, 1, "other", "choice", chars("x"), 1, 1);
    assertThat(acc.toolCalls()).containsExactly(
        new ToolCall(1, "a", "first", "{\"a\":1}"),
        new ToolCall(2, "b", "second", "{}"));
  }

  @Test
  void finishReasonPrefersChoiceZero() {
    ChatAccumulator acc = new ChatAccumulator();
    assertThat(acc.finishReason()).isNull();
    acc.onFinish(1, "length");
    assertThat(acc.finishReason()).isEqualTo("length");
    acc.onFinish(0, "tool_calls");
    acc.onFinish(0, "stop");
    acc.onFinish(1, "content_filter");
    assertThat(acc.finishReason()).isEqualTo("stop");
  }

  @Test
  void streamWideValues() {
    ChatAccumulator acc = new ChatAccumulator();
    assertThat(acc.usage()).isNull();
    assertThat(acc.doneSeen()).isFalse();
    acc.onModel("a");
    acc.onModel("b");
    acc.onUsage(new Usage(1, 2, 3, -1));
    acc.onUsage(new Usage(1, 5, 6, -1));
    acc.onError(new StreamError("boom", "server_error", null));
    acc.onMalformed("not a JSON object", "[1]");
    acc.onDone();
    assertThat(acc.model()).isEqualTo("b");
    assertThat(acc.usage()).isEqualTo(new Usage(1, 5, 6, -1));
    assertThat(acc.errors()).containsExactly(new StreamError("boom", "server_error", null));
    assertThat(acc.malformed()).containsExactly("not a JSON object");
    assertThat(acc.doneSeen()).isTrue();
  }

  /** Logs every callback, tagged, into a list shared by several listeners. */
  private record Log(String tag, List<String> out) implements ChatDeltaListener {
    @Override
    public void onModel(String model) {
      out.add(tag + " model " + model);
    }

    @Override
    public void onRole(int choice, String role) {
      out.add(tag + " role " + choice + role);
    }

    @Override
    public void onContent(int choice, char[] text, int off, int len) {
      out.add(tag + " content " + choice + new String(text, off, len));
    }

    @Override
    public void onReasoning(int choice, char[] text, int off, int len) {
      out.add(tag + " reasoning " + choice + new String(text, off, len));
    }

    @Override
    public void onRefusal(int choice, char[] text, int off, int len) {
      out.add(tag + " refusal " + choice + new String(text, off, len));
    }

    @Override
    public void onToolCallFragment(int choice, int index, String id, String name,
        char[] arguments, int off, int len) {
      out.add(tag + " tool " + choice + index + id + name + new String(arguments, off, len));
    }

    @Override
    public void onFinish(int choice, String reason) {
      out.add(tag + " finish " + choice + reason);
    }

    @Override
    public void onUsage(Usage usage) {
      out.add(tag + " usage " + usage.totalTokens());
    }

    @Override
    public void onError(StreamError error) {
      out.add(tag + " error " + error.message());
    }

    @Override
    public void onDone() {
      out.add(tag + " done");
    }

    @Override
    public void onMalformed(String problem, String excerpt) {
      out.add(tag + " malformed " + problem + excerpt);
    }
  }

  @Test
  void teeForwardsEveryCallbackToEachListenerInOrder() {
    List<String> log = new ArrayList<>();
    ChatDeltaListener tee = ChatDeltaListeners.tee(new Log("a", log), new Log("b", log));
    tee.onModel("m");
    tee.onRole(0, "assistant");
    tee.onContent(0, chars("c"), 1, 1);
    tee.onReasoning(1, chars("r"), 1, 1);
    tee.onRefusal(0, chars("x"), 1, 1);
    tee.onToolCallFragment(0, 1, "id", "fn", chars("{}"), 1, 2);
    tee.onFinish(0, "stop");
    tee.onUsage(new Usage(1, 2, 3, 4));
    tee.onError(new StreamError("e", null, null));
    tee.onMalformed("p", "x");
    tee.onDone();
    List<String> expected = new ArrayList<>();
    for (String call : List.of("model m", "role 0assistant", "content 0c", "reasoning 1r",
        "refusal 0x", "tool 01idfn{}", "finish 0stop", "usage 3", "error e", "malformed px",
        "done")) {
      expected.add("a " + call);
      expected.add("b " + call);
    }
    assertThat(log).isEqualTo(expected);
  }
}
