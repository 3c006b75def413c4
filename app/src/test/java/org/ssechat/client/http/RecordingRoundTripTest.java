package org.ssechat.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssechat.chat.ChatDeltaListener;
import org.ssechat.client.Cancellation;
import org.ssechat.client.ChatBackend;
import org.ssechat.client.ChatMessage;
import org.ssechat.client.ChatRequest;
import org.ssechat.client.ChatResult;
import org.ssechat.client.Outcome;
import org.ssechat.client.RecordingTap;
import org.ssechat.client.ResponseStreamProcessor;
import org.ssechat.record.RecordingSidecar;
import org.ssechat.record.RecordingWriter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Recording through the real HTTP path: bytes identical, sidecar valid, key in neither file. */
class RecordingRoundTripTest {
  static final String KEY = "sk-rec-KEY-9876543210zyxw";

  @TempDir
  Path dir;

  /** Streams {@code request} from {@code backend} with its body tapped into {@code sse}. */
  static ChatResult recorded(ChatBackend backend, ChatRequest request, Path sse) {
    ResponseStreamProcessor p = backend.newResponse(request, new ChatDeltaListener() {});
    p.tap(new RecordingTap(sse, KEY));
    return backend.stream(request, p, new Cancellation());
  }

  @Test
  void recordsBodyBytesAndSidecarWithoutTheKey() throws Exception {
    byte[] body = HttpCorpusTest.corpus("deepseek-reasoner-reasoning-content-emoji.sse");
    try (TestServer server = new TestServer((req, resp, i) -> resp.sse(body, 1013, 1))) {
      EndpointConfig cfg = EndpointConfig.of("rec", server.baseUrl(), KEY)
          .withAuth(AuthScheme.parse("header:x-api-key"))
          .withHeaders(Map.of("X-Custom", "also " + KEY, "X-Plain", "visible"));
      Path sse = dir.resolve("sub/answer.sse");
      ChatResult r = recorded(new OpenAiCompatibleBackend(cfg),
          ChatRequest.of("deepseek-reasoner", List.of(ChatMessage.user("Hello"))), sse);
      assertThat(r.outcome()).isEqualTo(Outcome.FINISHED);
      assertThat(r.warnings()).isEmpty();

      assertThat(Files.readAllBytes(sse)).isEqualTo(body);
      if (org.ssechat.files.PrivateFiles.posix(sse)) {
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(sse))).isEqualTo("rw-------");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(RecordingWriter.sidecarOf(sse)))).isEqualTo("rw-------");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
            Files.getPosixFilePermissions(sse.getParent()))).isEqualTo("rwx------");
      }
      Path side = RecordingWriter.sidecarOf(sse);
      assertThat(side.getFileName()).hasToString("answer.sse.json");
      assertThat(Files.readString(sse, StandardCharsets.ISO_8859_1)).doesNotContain(KEY);
      String sideText = Files.readString(side);
      assertThat(sideText).doesNotContain(KEY).doesNotContain("9876543210");
      assertThat(Files.list(dir.resolve("sub"))).hasSize(2);

      JsonNode j = new ObjectMapper().readTree(sideText);
      assertThat(j.get("format").asString()).isEqualTo("ssechat-recording");
      assertThat(j.get("version").asInt()).isEqualTo(1);
      assertThat(j.get("request").get("url").asString())
          .isEqualTo(server.baseUrl() + "/v1/chat/completions");
      assertThat(j.get("request").get("model").asString()).isEqualTo("deepseek-reasoner");
      assertThat(j.get("request").get("method").asString()).isEqualTo("POST");
      JsonNode h = j.get("request").get("headers");
      assertThat(h.get("x-api-key").asString()).isEqualTo("<redacted>");
      assertThat(h.get("X-Custom").asString()).isEqualTo("<redacted>");
      assertThat(h.get("X-Plain").asString()).isEqualTo("visible");
      assertThat(j.get("response").get("status").asInt()).isEqualTo(200);
      assertThat(j.get("response").get("headers").get("content-type").get(0).asString())
          .isEqualTo("text/event-stream");
      long sum = 0;
      long lastT = -1;
      for (JsonNode read : j.get("reads")) {
        assertThat(read.get(0).asLong()).isGreaterThanOrEqualTo(lastT);
        lastT = read.get(0).asLong();
        sum += read.get(1).asLong();
      }
      assertThat(sum).isEqualTo(body.length);
      assertThat(j.get("reads").size()).isEqualTo(r.metrics().reads());

      RecordingSidecar parsed = RecordingSidecar.read(side);
      assertThat(parsed.totalBytes()).isEqualTo(body.length);
      assertThat(parsed.reads()).hasSize(j.get("reads").size());
      assertThat(parsed.exchange().requestHeaders()).containsEntry("x-api-key", "<redacted>");
      assertThat(parsed.exchange().status()).isEqualTo(200);
      assertThat(parsed.recordedAt()).isNotNull();
    }
  }

  /** The last user message is kept as {@code request.prompt}; the key in it is not. */
  @Test
  void recordsTheLastUserMessageAsThePromptWithTheKeyRedacted() throws Exception {
    byte[] body = HttpCorpusTest.corpus("deepseek-reasoner-reasoning-content-emoji.sse");
    try (TestServer server = new TestServer((req, resp, i) -> resp.sse(body, 4096, 0))) {
      Path sse = dir.resolve("prompt.sse");
      ChatRequest request = ChatRequest.of("m", List.of(ChatMessage.system("be brief"),
          ChatMessage.user("first"), ChatMessage.assistant("ok"),
          ChatMessage.user("周树人和鲁迅是兄弟吗？ my key is " + KEY)));
      recorded(new OpenAiCompatibleBackend(EndpointConfig.of("rec", server.baseUrl(), KEY)),
          request, sse);
      Path side = RecordingWriter.sidecarOf(sse);
      assertThat(Files.readString(side)).doesNotContain(KEY).doesNotContain("9876543210");
      assertThat(RecordingSidecar.read(side).exchange().prompt())
          .isEqualTo("周树人和鲁迅是兄弟吗？ my key is <redacted>");
      assertThat(org.ssechat.record.Recording.load(sse).prompt())
          .isEqualTo("周树人和鲁迅是兄弟吗？ my key is <redacted>");
    }
  }

  @Test
  void sidecarsWithoutAPromptStillRead() throws Exception {
    Path sse = dir.resolve("old.sse");
    Files.writeString(sse, "data: [DONE]\n\n");
    Files.writeString(RecordingWriter.sidecarOf(sse), "{\"format\":\"ssechat-recording\","
        + "\"version\":1,\"request\":{\"model\":\"m\"},\"reads\":[[5,14]]}");
    org.ssechat.record.Recording rec = org.ssechat.record.Recording.load(sse);
    assertThat(rec.warning()).isNull();
    assertThat(rec.hasTiming()).isTrue();
    assertThat(rec.prompt()).isNull();
    assertThat(rec.model()).isEqualTo("m");
  }

  @Test
  void aRetriedRequestRecordsTheAttemptItsAnswerCameFrom() throws Exception {
    byte[] ok = HttpCorpusTest.corpus("openai-gpt4o-mini-text-usage.sse");
    try (TestServer server = new TestServer((req, resp, i) -> {
      if (i == 0) {
        resp.full(429, "application/json", "{\"error\":{\"message\":\"slow down\"}}",
            "Retry-After: 0");
      } else {
        resp.sse(ok, 500, 0);
      }
    })) {
      Path sse = dir.resolve("retried.sse");
      ChatResult r = recorded(new OpenAiCompatibleBackend(EndpointConfig.of("rec",
          server.baseUrl(), KEY)), ChatRequest.of("m", List.of(ChatMessage.user("x"))), sse);
      assertThat(r.outcome()).isEqualTo(Outcome.FINISHED);
      assertThat(Files.readAllBytes(sse)).isEqualTo(ok);
    }
  }

  @Test
  void aRecordingThatCannotStartLeavesNoFileAndOneWarning() throws Exception {
    byte[] ok = HttpCorpusTest.corpus("openai-gpt4o-mini-text-usage.sse");
    try (TestServer server = new TestServer((req, resp, i) -> resp.sse(ok, 500, 0))) {
      Path victim = dir.resolve("victim");
      Files.writeString(victim, "keep");
      Path sse = dir.resolve("link.sse");
      Files.createSymbolicLink(sse, victim);
      ChatResult r = recorded(new OpenAiCompatibleBackend(EndpointConfig.of("rec",
          server.baseUrl(), KEY)), ChatRequest.of("m", List.of(ChatMessage.user("x"))), sse);
      assertThat(r.outcome()).isEqualTo(Outcome.FINISHED); // the answer is not affected
      assertThat(r.warnings()).singleElement().asString().startsWith("could not record to");
      assertThat(Files.readString(victim)).isEqualTo("keep");
      assertThat(Files.exists(RecordingWriter.sidecarOf(sse))).isFalse();
    }
  }

  @Test
  void errorResponsesAreRecordedToo() throws Exception {
    try (TestServer server = new TestServer((req, resp, i) -> resp.full(401, "application/json",
        "{\"error\":{\"message\":\"bad key\"}}"))) {
      Path sse = dir.resolve("err.sse");
      ChatResult r = recorded(new OpenAiCompatibleBackend(EndpointConfig.of("rec",
          server.baseUrl(), KEY)), ChatRequest.of("m", List.of(ChatMessage.user("x"))), sse);
      assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
      assertThat(Files.readString(sse)).isEqualTo("{\"error\":{\"message\":\"bad key\"}}");
      RecordingSidecar s = RecordingSidecar.read(RecordingWriter.sidecarOf(sse));
      assertThat(s.exchange().status()).isEqualTo(401);
      assertThat(s.exchange().requestHeaders()).containsEntry("Authorization", "<redacted>");
      assertThat(Files.readString(RecordingWriter.sidecarOf(sse))).doesNotContain(KEY);
    }
  }

  @Test
  void exchangeRedactsAndToStringShowsNoValues() {
    var x = new org.ssechat.record.RecordedExchange("POST", "https://h/v1?k=" + KEY, "m",
        Map.of("Authorization", "Bearer " + KEY, "X-Other", "k " + KEY, "Accept", "a"), 200,
        Map.of("Set-Cookie", List.of("s=" + KEY), "Content-Type", List.of("text/event-stream")));
    assertThat(x.toString()).doesNotContain(KEY);
    var r = x.redacted(KEY);
    assertThat(r.toString() + r.requestHeaders() + r.responseHeaders() + r.url())
        .doesNotContain(KEY);
    assertThat(r.requestHeaders()).containsEntry("Accept", "a")
        .containsEntry("Authorization", "<redacted>").containsEntry("X-Other", "<redacted>");
    assertThat(r.responseHeaders()).containsEntry("content-type", List.of("text/event-stream"))
        .containsEntry("set-cookie", List.of("<redacted>"));
  }

  @Test
  void rejectsOtherFormats() throws Exception {
    Path f = dir.resolve("x.sse.json");
    Files.writeString(f, "{\"format\":\"other\",\"version\":1}");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RecordingSidecar.read(f))
        .hasMessageContaining("x.sse.json").hasMessageContaining("format is 'other'");
    Files.writeString(f, "{\"format\":\"ssechat-recording\",\"version\":2}");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RecordingSidecar.read(f))
        .hasMessageContaining("unsupported version 2");
  }
}
