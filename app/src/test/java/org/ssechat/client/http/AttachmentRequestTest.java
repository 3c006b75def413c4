package org.ssechat.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ssechat.chat.ChatDeltaListener;
import org.ssechat.client.Attachment;
import org.ssechat.client.Cancellation;
import org.ssechat.client.ChatMessage;
import org.ssechat.client.ChatRequest;
import org.ssechat.client.ChatResult;
import org.ssechat.client.Outcome;

/** Attachments on the wire: the request body asserted byte for byte at a real server. */
class AttachmentRequestTest {
  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 1, 2};
  private TestServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void textFilesAreFencedTextPartsAndImagesDataUrls() throws Exception {
    server = new TestServer((req, resp, i) -> resp.sse(("data: {\"choices\":[{\"index\":0,"
        + "\"delta\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n")
        .getBytes(StandardCharsets.UTF_8), 100, 0));
    Attachment code = Attachment.of("Main.java", "class A { String s = \"```\"; }\n"
        .getBytes(StandardCharsets.UTF_8));
    Attachment png = Attachment.of("shot.png", PNG);
    ChatRequest request = ChatRequest.of("m", List.of(ChatMessage.user("Review this",
        List.of(code, png)))).withoutUsage();
    ChatResult r = new OpenAiCompatibleBackend(EndpointConfig.of("t", server.baseUrl(), null))
        .stream(request, new ChatDeltaListener() {}, new Cancellation());
    assertThat(r.outcome()).isEqualTo(Outcome.FINISHED);
    assertThat(server.requests.get(0).bodyText()).isEqualTo("{\"model\":\"m\",\"messages\":[{"
        + "\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Review this\"},"
        + "{\"type\":\"text\",\"text\":\"Main.java:\\n````java\\nclass A { String s = \\\"```\\\";"
        + " }\\n````\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,"
        + Base64.getEncoder().encodeToString(PNG) + "\"}}]}],\"stream\":true}");
  }

  @Test
  void anEndpointThatRejectsImagesGivesOneLine() throws Exception {
    server = new TestServer((req, resp, i) -> resp.full(400, "application/json",
        "{\"error\":{\"message\":\"Invalid content type. image_url is only supported by certain"
            + " models.\",\"type\":\"invalid_request_error\"}}"));
    ChatRequest request = ChatRequest.of("m", List.of(ChatMessage.user("what is this",
        List.of(Attachment.of("a.png", PNG)))));
    ChatResult r = new OpenAiCompatibleBackend(EndpointConfig.of("t", server.baseUrl(), null))
        .stream(request, new ChatDeltaListener() {}, new Cancellation());
    assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.error()).isEqualTo("HTTP 400 Bad Request from 127.0.0.1: Invalid content type."
        + " image_url is only supported by certain models. (invalid_request_error)");
  }

  @Test
  void aMessageWithoutAttachmentsKeepsStringContent() {
    String body = new String(RequestJson.chatRequest(ChatRequest.of("m",
        List.of(ChatMessage.user("hi")))), StandardCharsets.UTF_8);
    assertThat(body).contains("\"content\":\"hi\"");
  }
}
