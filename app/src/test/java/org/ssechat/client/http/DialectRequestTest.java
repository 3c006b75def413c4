package org.ssechat.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssechat.chat.ChatStreamDecoder.Dialect;
import org.ssechat.client.Attachment;
import org.ssechat.client.ChatMessage;
import org.ssechat.client.ChatRequest;

/** One session, three wire formats: the request bodies byte for byte. */
class DialectRequestTest {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 5};
  private static final String B64 = Base64.getEncoder().encodeToString(PNG);

  /** System prompt, a finished exchange, an assistant turn twice in a row, and files. */
  private static ChatRequest conversation() {
    Attachment notes = Attachment.of("a.md", "# A\n".getBytes(StandardCharsets.UTF_8));
    Attachment png = Attachment.of("p.png", PNG);
    return ChatRequest.of("model-x", List.of(ChatMessage.system("Be brief."),
        ChatMessage.user("hi"), ChatMessage.assistant("hello"), ChatMessage.assistant("again"),
        ChatMessage.user("look", List.of(notes, png))));
  }

  private static String body(Dialect d) {
    return new String(RequestJson.body(conversation(), d), StandardCharsets.UTF_8);
  }

  @Test
  void anthropicMessages() {
    assertThat(body(Dialect.MESSAGES)).isEqualTo("{\"model\":\"model-x\",\"max_tokens\":4096,"
        + "\"system\":\"Be brief.\",\"messages\":["
        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"}]},"
        + "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"hello\"},"
        + "{\"type\":\"text\",\"text\":\"again\"}]},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"look\"},"
        + "{\"type\":\"text\",\"text\":\"a.md:\\n```md\\n# A\\n```\"},"
        + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\","
        + "\"data\":\"" + B64 + "\"}}]}],\"stream\":true}");
  }

  @Test
  void openAiResponses() {
    assertThat(body(Dialect.RESPONSES)).isEqualTo("{\"model\":\"model-x\",\"instructions\":"
        + "\"Be brief.\",\"input\":["
        + "{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"hi\"}]},"
        + "{\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"hello\"}]},"
        + "{\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"again\"}]},"
        + "{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"look\"},"
        + "{\"type\":\"input_text\",\"text\":\"a.md:\\n```md\\n# A\\n```\"},"
        + "{\"type\":\"input_image\",\"image_url\":\"data:image/png;base64," + B64 + "\"}]}],"
        + "\"stream\":true,\"reasoning\":{\"summary\":\"auto\"}}");
  }

  @Test
  void chatCompletionsIsUnchanged() {
    assertThat(body(Dialect.CHAT)).startsWith("{\"model\":\"model-x\",\"messages\":["
        + "{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"hi\"}")
        .endsWith("\"stream\":true,\"stream_options\":{\"include_usage\":true}}");
  }

  @Test
  void eachDialectHasItsPath() {
    EndpointConfig c = EndpointConfig.of("t", "https://relay.example", null);
    assertThat(c.uriFor(Dialect.CHAT)).hasToString("https://relay.example/v1/chat/completions");
    assertThat(c.uriFor(Dialect.MESSAGES)).hasToString("https://relay.example/v1/messages");
    assertThat(c.uriFor(Dialect.RESPONSES)).hasToString("https://relay.example/v1/responses");
  }
}
