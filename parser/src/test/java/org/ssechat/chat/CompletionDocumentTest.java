package org.ssechat.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A non-streamed {@code chat.completion} through {@link ChatChunkDecoder#onDocument}: the same
 * callbacks as the equivalent stream, so there is one reader of the wire format.
 */
class CompletionDocumentTest {

  private static Transcript document(String json) {
    Transcript t = new Transcript();
    byte[] b = ("xx" + json + "yy").getBytes(StandardCharsets.UTF_8);
    new ChatChunkDecoder(t).onDocument(b, 2, b.length - 4);
    return t;
  }

  @Test
  void aCompletionGivesTheCallbacksItsStreamWould() {
    String message = "{\"role\":\"assistant\",\"content\":\"Hi there\",\"reasoning_content\":"
        + "\"thought\",\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":"
        + "{\"name\":\"get\",\"arguments\":\"{\\\"q\\\":1}\"}}]}";
    String usage = "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":7,\"total_tokens\":12}";
    Transcript doc = document("{\"id\":\"c\",\"object\":\"chat.completion\",\"model\":\"m1\","
        + "\"choices\":[{\"index\":0,\"message\":" + message + ",\"finish_reason\":\"stop\"}],"
        + usage + "}");
    Transcript stream = Transcript.decode("data: {\"model\":\"m1\",\"choices\":[{\"index\":0,"
        + "\"delta\":" + message + ",\"finish_reason\":\"stop\"}]," + usage + "}\n\n");
    assertThat(doc.lines).isEqualTo(stream.lines).contains("content 0 Hi there")
        .anyMatch(l -> l.startsWith("reasoning 0 thought"))
        .anyMatch(l -> l.startsWith("tool 0 0 call_1 get"));
    assertThat(doc.usages).isEqualTo(stream.usages).hasSize(1);
  }

  @Test
  void contentPartsAndRefusalInAMessage() {
    Transcript doc = document("{\"choices\":[{\"message\":{\"content\":[{\"type\":\"text\","
        + "\"text\":\"a\"},{\"type\":\"text\",\"text\":\"b\"}],\"refusal\":\"no\"},"
        + "\"finish_reason\":\"stop\"}]}");
    assertThat(doc.lines).contains("content 0 a", "content 0 b", "refusal 0 no", "finish 0 stop");
  }

  @Test
  void anErrorDocumentAndAMalformedOne() {
    Transcript err = document("{\"error\":{\"msg\":\"余额不足\",\"code\":402}}");
    assertThat(err.errors).containsExactly(new StreamError("余额不足", null, "402"));
    Transcript bad = document("{\"choices\":[{\"message\":{\"content\":\"cut");
    assertThat(bad.lines).noneMatch(l -> l.startsWith("content"));
    assertThat(bad.excerpts).hasSize(1);
  }
}
