package org.ssechat.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ssechat.chat.ChatDeltaListener;
import org.ssechat.client.Cancellation;
import org.ssechat.client.ChatMessage;
import org.ssechat.client.ChatRequest;
import org.ssechat.client.ChatResult;
import org.ssechat.client.Outcome;
import org.ssechat.client.RecordingTap;
import org.ssechat.client.ResponseOptions;
import org.ssechat.client.ResponseStreamProcessor;
import org.ssechat.failure.ChatException;
import org.ssechat.record.RecordingWriter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * An endpoint that is out to harm the user: redirects elsewhere, echoes the key back, never ends.
 * Each case asserts what the user gets (one line, the key never, the partial answer kept) and
 * what reaches disk.
 */
class HostileEndpointTest {
  static final String KEY = "sk-hostile-KEY-0123456789abcdef";
  static final ChatRequest REQ = ChatRequest.of("m", List.of(ChatMessage.user("secret plans")));

  private TestServer server;
  private TestServer elsewhere;

  @AfterEach
  void stop() throws Exception {
    for (TestServer s : new TestServer[] {server, elsewhere}) {
      if (s != null) {
        s.close();
      }
    }
  }

  private EndpointConfig config() {
    return EndpointConfig.of("hostile", server.baseUrl(), KEY)
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3), null)
        .withRetries(0, Duration.ofSeconds(1));
  }

  private ChatResult stream(ResponseOptions options) {
    return new OpenAiCompatibleBackend(config(), options).stream(REQ,
        new ChatDeltaListener() {}, new Cancellation());
  }

  private static void assertOneLineWithoutKey(String s) {
    assertThat(s).isNotBlank().doesNotContain("\n").doesNotContain(KEY)
        .doesNotContain(KEY.substring(0, 12)).doesNotContain(KEY.substring(KEY.length() - 12));
  }

  private static String chunk(String content) {
    return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"}}]}\n\n";
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 303, 307, 308})
  void aRedirectToAnotherOriginIsNotFollowed(int status) throws Exception {
    elsewhere = new TestServer(InetAddress.getByName("127.0.0.2"),
        (req, resp, i) -> resp.sse(chunk("from elsewhere").getBytes(StandardCharsets.UTF_8),
            1000, 0));
    String target = elsewhere.baseUrl() + "/v1/chat/completions";
    server = new TestServer((req, resp, i) -> resp.full(status, "text/html", "<a>moved</a>",
        "Location: " + target));
    ChatResult r = stream(ResponseOptions.DEFAULTS);
    assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.content()).isEmpty();
    assertThat(r.error()).startsWith("HTTP " + status + " from 127.0.0.1: the endpoint "
        + "redirected to " + target + " — ssechat does not follow redirects");
    assertOneLineWithoutKey(r.error());
    assertThat(elsewhere.requests).isEmpty();
    assertThat(server.requests).hasSize(1);
  }

  @Test
  void aRedirectOfTheModelListIsNotFollowedEither() throws Exception {
    elsewhere = new TestServer(InetAddress.getByName("127.0.0.2"),
        (req, resp, i) -> resp.full(200, "application/json", "{\"data\":[{\"id\":\"x\"}]}"));
    server = new TestServer((req, resp, i) -> resp.full(302, null, new byte[0],
        "Location: " + elsewhere.baseUrl() + "/v1/models"));
    assertThatThrownBy(() -> new OpenAiCompatibleBackend(config()).models())
        .isInstanceOf(ChatException.class)
        .hasMessageContaining("redirected to " + elsewhere.baseUrl() + "/v1/models");
    assertThat(elsewhere.requests).isEmpty();
  }

  @Test
  void theKeyEchoedInAnInStreamErrorIsRedacted() throws Exception {
    server = new TestServer((req, resp, i) -> resp.sse((chunk("Half")
        + "data: {\"error\":{\"message\":\"invalid token " + KEY + " for user\",\"type\":"
        + "\"auth\"}}\n\n").getBytes(StandardCharsets.UTF_8), 7, 0));
    ChatResult r = stream(ResponseOptions.DEFAULTS);
    assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.error()).isEqualTo("server error in stream: invalid token sk-…cdef for user "
        + "(auth) — partial answer kept");
    assertThat(r.content()).isEqualTo("Half");
  }

  @Test
  void theKeyEchoedInAnErrorEventIsRedacted() throws Exception {
    server = new TestServer((req, resp, i) -> resp.sse(("event: error\ndata: Authorization: "
        + "Bearer " + KEY + "\n\n").getBytes(StandardCharsets.UTF_8), 5, 0));
    ChatResult r = stream(ResponseOptions.DEFAULTS);
    assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
    assertOneLineWithoutKey(r.error());
    assertThat(r.error()).contains("Bearer sk-…cdef");
  }

  /** The key straddles the 200-character cut: redaction runs first, so no prefix survives. */
  @Test
  void theKeyEchoedAcrossTheSnippetCutIsRedactedBeforeTheCut() throws Exception {
    String body = "{\"error\":{\"message\":\"" + "x".repeat(190) + " " + KEY + " "
        + "y".repeat(500) + "\"}}";
    server = new TestServer((req, resp, i) -> resp.full(401, "application/json", body));
    ChatResult r = stream(ResponseOptions.DEFAULTS);
    assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
    assertOneLineWithoutKey(r.error());
    assertThat(r.error()).doesNotContain("sk-hostile");
  }

  @Test
  void theKeyEchoedInANonJsonModelListIsRedacted() throws Exception {
    server = new TestServer((req, resp, i) -> resp.full(200, "text/html",
        "<html>your key " + KEY + " is fine</html>"));
    assertThatThrownBy(() -> new OpenAiCompatibleBackend(config()).models())
        .isInstanceOf(ChatException.class)
        .satisfies(e -> assertOneLineWithoutKey(e.getMessage()))
        .hasMessageContaining("not a model list");
  }

  @Test
  void theKeyEchoedInTheBodyIsRedactedOnDiskWithOffsetsKept(@TempDir Path dir) throws Exception {
    String raw = chunk("ok") + "data: {\"error\":{\"message\":\"echo " + KEY + "\"}}\n\n";
    byte[] body = raw.getBytes(StandardCharsets.UTF_8);
    server = new TestServer((req, resp, i) -> resp.sse(body, 9, 0));
    Path sse = dir.resolve("a.sse");
    OpenAiCompatibleBackend b = new OpenAiCompatibleBackend(config());
    ResponseStreamProcessor p = b.newResponse(REQ, new ChatDeltaListener() {});
    p.tap(new RecordingTap(sse, KEY));
    ChatResult r = b.stream(REQ, p, new Cancellation());
    assertThat(r.warnings()).isEmpty();
    byte[] disk = Files.readAllBytes(sse);
    assertThat(disk).hasSameSizeAs(body);
    String expected = raw.replace(KEY, "*".repeat(KEY.length()));
    assertThat(new String(disk, StandardCharsets.UTF_8)).isEqualTo(expected);
    String side = Files.readString(RecordingWriter.sidecarOf(sse));
    assertThat(side).doesNotContain(KEY);
    JsonNode red = new ObjectMapper().readTree(side).get("redacted");
    assertThat(red.size()).isEqualTo(1);
    assertThat(red.get(0).get(0).asLong()).isEqualTo(raw.indexOf(KEY));
    assertThat(red.get(0).get(1).asInt()).isEqualTo(KEY.length());
  }

  @Test
  void anEndlessAnswerIsCutAtTheCapAndKept() throws Exception {
    server = new TestServer((req, resp, i) -> {
      resp.chunkedHead(200, "Content-Type: text/event-stream");
      String c = chunk("la ");
      for (int n = 0; n < 1_000_000 && !resp.clientGone; n++) {
        resp.chunk(c);
      }
    });
    long t0 = System.nanoTime();
    ChatResult r = stream(ResponseOptions.DEFAULTS.withMaxBodyBytes(64 * 1024));
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3000);
    assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.error()).isEqualTo("the answer is larger than 65536 bytes (limit "
        + "ssechat.max-answer-bytes) — partial answer kept");
    assertThat(r.content()).startsWith("la la ").hasSizeGreaterThan(1000);
    assertThat(r.metrics().bytes()).isLessThan(64 * 1024 + 64 * 1024);
  }

  @Test
  void endlessKeepAliveCommentsEndTheAnswer() throws Exception {
    server = new TestServer((req, resp, i) -> {
      resp.chunkedHead(200, "Content-Type: text/event-stream");
      resp.chunk(chunk("started"));
      for (int n = 0; n < 200 && !resp.clientGone; n++) {
        resp.chunk(": keep-alive\n\n");
        Thread.sleep(20);
      }
    });
    ChatResult r = stream(ResponseOptions.DEFAULTS.withMaxCommentsOnly(Duration.ofMillis(600)));
    assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.error()).startsWith("no event for ").contains("only keep-alive comments")
        .endsWith("partial answer kept");
    assertThat(r.content()).isEqualTo("started");
  }

  @Test
  void aHugeModelListIsRefused() throws Exception {
    byte[] huge = new byte[9 * 1024 * 1024];
    java.util.Arrays.fill(huge, (byte) ' ');
    huge[0] = '{';
    server = new TestServer((req, resp, i) -> resp.full(200, "application/json", huge));
    assertThatThrownBy(() -> new OpenAiCompatibleBackend(config()).models())
        .isInstanceOf(ChatException.class)
        .hasMessage("the model list from 127.0.0.1 is larger than 8388608 bytes");
  }

  @Test
  void aModelListThatNeverEndsHitsTheDeadline() throws Exception {
    server = new TestServer((req, resp, i) -> {
      resp.chunkedHead(200, "Content-Type: application/json");
      resp.chunk("{\"data\":[");
      for (int n = 0; n < 500 && !resp.clientGone; n++) {
        resp.chunk("{\"id\":\"m" + n + "\"},");
        Thread.sleep(20);
      }
    });
    EndpointConfig c = config().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(800),
        Duration.ofSeconds(3), null);
    long t0 = System.nanoTime();
    assertThatThrownBy(() -> new OpenAiCompatibleBackend(c).models())
        .isInstanceOf(ChatException.class)
        .hasMessage("the model list from 127.0.0.1 did not arrive within 0.8s");
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2500);
  }

  @Test
  void credentialsInTheBaseUrlAreNeverShown() throws Exception {
    server = new TestServer((req, resp, i) -> resp.full(404, "text/plain", "nope"));
    String url = server.baseUrl().replace("http://", "http://alice:pa55word@") + "/v1";
    ChatResult r = new OpenAiCompatibleBackend(EndpointConfig.of("c", url, KEY))
        .stream(REQ, new ChatDeltaListener() {}, new Cancellation());
    assertThat(r.error()).doesNotContain("pa55word");
    assertThat(new OpenAiCompatibleBackend(EndpointConfig.of("c", url, KEY)).describe())
        .contains("alice:****@").doesNotContain("pa55word");
    assertThat(EndpointConfig.of("c", url, KEY).toString()).doesNotContain("pa55word");
  }
}
