package org.ssechat.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ssechat.chat.ChatDeltaListener;
import org.ssechat.client.Cancellation;
import org.ssechat.client.ChatMessage;
import org.ssechat.client.ChatRequest;
import org.ssechat.client.ChatResult;
import org.ssechat.client.Outcome;
import org.ssechat.failure.ChatException;
import org.ssechat.sse.SseLimits;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The HTTP path against scripted faults: each gives the right outcome, one line, partial kept. */
class BackendFaultTest {
  static final String KEY = "sk-test-SECRET-0123456789abcdef";
  static final ChatRequest REQ = ChatRequest.of("test-model",
      List.of(ChatMessage.system("be brief"), ChatMessage.user("hi")));

  TestServer server;

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  static String chunk(String content) {
    return "data: {\"model\":\"m1\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
        + content + "\"},\"finish_reason\":null}]}\n\n";
  }

  static String finish(String reason) {
    return "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"" + reason
        + "\"}]}\n\n";
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  EndpointConfig config() {
    return EndpointConfig.of("test", server.baseUrl(), KEY)
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMillis(600), null)
        .withRetries(3, Duration.ofSeconds(2));
  }

  ChatResult stream(EndpointConfig cfg) {
    return new OpenAiCompatibleBackend(cfg).stream(REQ, new ChatDeltaListener() {},
        new Cancellation());
  }

  ChatResult stream() {
    return stream(config());
  }

  static void assertOneLineWithoutKey(ChatResult r) {
    assertThat(r.error()).isNotBlank().doesNotContain("\n").doesNotContain(KEY);
    assertThat(r.toString()).doesNotContain(KEY);
  }

  @Test
  void requestBodyAndHeadersAsReceived() throws Exception {
    server = new TestServer((req, resp, i) -> resp.sse(utf8(chunk("ok") + finish("stop")
        + "data: [DONE]\n\n"), 1000, 0));
    ChatRequest req = ChatRequest.of("gpt-x", List.of(ChatMessage.system("sys \"q\""),
        ChatMessage.user("héllo\n😊"))).withTemperature(0.5).withMaxTokens(64)
        .withExtra(Map.of("top_p", 0.9, "seed", 7));
    ChatResult r = new OpenAiCompatibleBackend(config()).stream(req, new ChatDeltaListener() {},
        new Cancellation());
    assertThat(r.outcome()).isEqualTo(Outcome.FINISHED);
    assertThat(r.content()).isEqualTo("ok");
    TestServer.Received got = server.requests.get(0);
    assertThat(got.method()).isEqualTo("POST");
    assertThat(got.path()).isEqualTo("/v1/chat/completions");
    assertThat(got.headers()).containsEntry("authorization", "Bearer " + KEY)
        .containsEntry("content-type", "application/json")
        .containsEntry("accept", "text/event-stream");
    JsonNode body = new ObjectMapper().readTree(got.body());
    assertThat(body.get("model").asString()).isEqualTo("gpt-x");
    assertThat(body.get("stream").asBoolean()).isTrue();
    assertThat(body.get("stream_options").get("include_usage").asBoolean()).isTrue();
    assertThat(body.get("temperature").asDouble()).isEqualTo(0.5);
    assertThat(body.get("max_tokens").asInt()).isEqualTo(64);
    assertThat(body.get("top_p").asDouble()).isEqualTo(0.9);
    assertThat(body.get("seed").asInt()).isEqualTo(7);
    assertThat(body.get("messages").get(0).get("role").asString()).isEqualTo("system");
    assertThat(body.get("messages").get(0).get("content").asString()).isEqualTo("sys \"q\"");
    assertThat(body.get("messages").get(1).get("content").asString()).isEqualTo("héllo\n😊");
  }

  @Test
  void noStreamOptionsWhenUsageNotWanted() throws Exception {
    server = new TestServer((req, resp, i) -> resp.sse(utf8(chunk("ok") + finish("stop")), 100, 0));
    new OpenAiCompatibleBackend(config()).stream(ChatRequest.of("m", List.of(
        ChatMessage.user("x"))).withoutUsage(), new ChatDeltaListener() {}, null);
    JsonNode body = new ObjectMapper().readTree(server.requests.get(0).body());
    assertThat(body.has("stream_options")).isFalse();
    assertThat(body.has("temperature")).isFalse();
  }

  @Test
  void authSchemes() throws Exception {
    server = new TestServer((req, resp, i) -> resp.sse(utf8(finish("stop")), 100, 0));
    stream(config().withAuth(AuthScheme.parse("raw")));
    stream(config().withAuth(AuthScheme.parse("header:api-key"))
        .withHeaders(Map.of("X-Extra", "1")));
    stream(config().withAuth(AuthScheme.parse("none")));
    assertThat(server.requests.get(0).headers()).containsEntry("authorization", KEY);
    assertThat(server.requests.get(1).headers()).containsEntry("api-key", KEY)
        .containsEntry("x-extra", "1").doesNotContainKey("authorization");
    assertThat(server.requests.get(2).headers()).doesNotContainKeys("authorization", "api-key");
    assertThatThrownBy(() -> AuthScheme.parse("basic"))
        .hasMessageContaining("bearer, raw, header:<Name> or none");
  }

  @Test
  void droppedConnectionMidStreamKeepsPartial() throws Exception {
    server = new TestServer((req, resp, i) -> {
      resp.chunkedHead(200, "Content-Type: text/event-stream");
      resp.chunk(chunk("Hello") + chunk(" wor"));
      Thread.sleep(50);
      resp.drop();
    });
    ChatResult r = stream();
    assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.error()).startsWith("connection lost mid-response")
        .endsWith("partial answer kept");
    assertThat(r.content()).isEqualTo("Hello wor");
    assertOneLineWithoutKey(r);
    assertThat(server.requests).hasSize(1); // never retried once the body began
  }

  @Test
  void serverThatKeepsTheConnectionOpenAfterDone() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server = new TestServer((req, resp, i) -> {
      resp.chunkedHead(200, "Content-Type: text/event-stream");
      resp.chunk(chunk("done") + finish("stop") + "data: [DONE]\n\n");
      release.await(5, TimeUnit.SECONDS);
    });
    long t0 = System.nanoTime();
    ChatResult r = stream();
    release.countDown();
    assertThat(r.outcome()).isEqualTo(Outcome.FINISHED);
    assertThat(r.warnings()).isEmpty();
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2000);
  }

  @Test
  void stallPastIdleTimeout() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server = new TestServer((req, resp, i) -> {
      resp.chunkedHead(200, "Content-Type: text/event-stream");
      resp.chunk(chunk("partial"));
      release.await(5, TimeUnit.SECONDS);
    });
    long t0 = System.nanoTime();
    ChatResult r = stream();
    long ms = (System.nanoTime() - t0) / 1_000_000;
    release.countDown();
    assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.error()).isEqualTo("no data for 0.6s (idle timeout) — partial answer kept");
    assertThat(r.content()).isEqualTo("partial");
    assertThat(ms).isBetween(550L, 2000L);
  }

  @Test
  void keepAliveCommentsKeepASlowStreamAlive() throws Exception {
    server = new TestServer((req, resp, i) -> {
      resp.chunkedHead(200, "Content-Type: text/event-stream");
      for (int k = 0; k < 8; k++) {
        resp.chunk(": OPENROUTER PROCESSING\n\n");
        Thread.sleep(200);
      }
      resp.chunk(chunk("late") + finish("stop") + "data: [DONE]\n\n");
      resp.endChunks();
    });
    ChatResult r = stream();
    assertThat(r.outcome()).isEqualTo(Outcome.FINISHED);
    assertThat(r.content()).isEqualTo("late");
    assertThat(r.metrics().totalMs()).isGreaterThan(1500);
    assertThat(r.metrics().timeToFirstTokenMs()).isGreaterThan(1500);
    assertThat(r.metrics().timeToFirstByteMs()).isLessThan(500);
  }

  @Test
  void firstByteTimeout() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    server = new TestServer((req, resp, i) -> release.await(5, TimeUnit.SECONDS));
    ChatResult r = stream(config().withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(400),
        Duration.ofSeconds(2), null));
    release.countDown();
    assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.error()).isEqualTo("no response from " + server.baseUrl()
        + " within 0.4s (first-byte timeout)");
  }

  @Test
  void totalTimeout() throws Exception {
    server = new TestServer((req, resp, i) -> resp.sse(utf8(chunk("a").repeat(40)), 100, 50));
    ChatResult r = stream(config().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2),
        Duration.ofSeconds(2), Duration.ofMillis(500)));
    assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.error()).isEqualTo("response took longer than 0.5s (total timeout)"
        + " — partial answer kept");
    assertThat(r.content()).startsWith("a");
  }

  @Test
  void connectionRefused() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ChatResult r = new OpenAiCompatibleBackend(EndpointConfig.of("t", "http://127.0.0.1:" + port,
        KEY)).stream(REQ, new ChatDeltaListener() {}, new Cancellation());
    assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.error()).startsWith("cannot connect to http://127.0.0.1:" + port);
    assertOneLineWithoutKey(r);
  }

  @Test
  void unauthorizedShowsServerMessageAndHintButNeverTheKey() throws Exception {
    server = new TestServer((req, resp, i) -> resp.full(401, "application/json",
        "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY
            + ".\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));
    ChatResult r = stream();
    assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.error()).startsWith("HTTP 401 Unauthorized from 127.0.0.1: Incorrect API key"
        + " provided: sk-…cdef. (invalid_request_error, invalid_api_key) — check the API key");
    assertOneLineWithoutKey(r);
    assertThat(server.requests).hasSize(1);
  }

  @Test
  void notFoundHintsAtBaseUrl() throws Exception {
    server = new TestServer((req, resp, i) -> resp.full(404, "text/plain", "404 page not found"));
    ChatResult r = stream();
    assertThat(r.error()).isEqualTo("HTTP 404 Not Found from 127.0.0.1: 404 page not found"
        + " — check the base URL (does it need /v1, or a different path?) — requested "
        + server.baseUrl() + "/v1/chat/completions");
  }

  @Test
  void tooManyRequestsIsRetriedHonouringRetryAfter() throws Exception {
    List<Long> times = Collections.synchronizedList(new ArrayList<>());
    server = new TestServer((req, resp, i) -> {
      times.add(System.nanoTime());
      if (i == 0) {
        resp.full(429, "application/json", "{\"error\":{\"message\":\"slow down\"}}",
            "Retry-After: 1");
      } else {
        resp.sse(utf8(chunk("after retry") + finish("stop") + "data: [DONE]\n\n"), 50, 0);
      }
    });
    ChatResult r = stream();
    assertThat(r.outcome()).isEqualTo(Outcome.FINISHED);
    assertThat(r.content()).isEqualTo("after retry");
    assertThat(r.warnings()).anyMatch(w -> w.startsWith("retried after HTTP 429"));
    assertThat(times).hasSize(2);
    assertThat((times.get(1) - times.get(0)) / 1_000_000).isBetween(950L, 2500L);
  }

  @Test
  void retryAfterLongerThanTheCapIsNotWaited() throws Exception {
    server = new TestServer((req, resp, i) -> resp.full(429, "application/json",
        "{\"error\":{\"message\":\"quota\"}}", "Retry-After: 3600"));
    ChatResult r = stream();
    assertThat(r.error()).startsWith("HTTP 429 Too Many Requests from 127.0.0.1: quota")
        .endsWith("(server asks to retry after 3600s)");
    assertThat(server.requests).hasSize(1);
  }

  @Test
  void retryAfterParsesSecondsAndHttpDates() {
    long now = 1_700_000_000_000L;
    assertThat(RetryPolicy.retryAfterMillis("3", now)).isEqualTo(3000);
    assertThat(RetryPolicy.retryAfterMillis("Tue, 14 Nov 2023 22:13:30 GMT", now))
        .isEqualTo(10_000);
    assertThat(RetryPolicy.retryAfterMillis("soon", now)).isEqualTo(-1);
    assertThat(RetryPolicy.retryAfterMillis(null, now)).isEqualTo(-1);
  }

  @Test
  void badGatewayHtmlGivesShortSnippetAfterRetries() throws Exception {
    String html = "<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>b{}</style>"
        + "</head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center>"
        + "</body></html>";
    server = new TestServer((req, resp, i) -> resp.full(502, "text/html", html,
        "Retry-After: 0"));
    ChatResult r = stream(config().withRetries(2, Duration.ofSeconds(1)));
    assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.error()).isEqualTo("HTTP 502 Bad Gateway from 127.0.0.1: 502 Bad Gateway");
    assertThat(server.requests).hasSize(3);
    assertThat(r.warnings()).hasSize(2);
  }

  @Test
  void htmlWithoutTitleIsStrippedAndCut() throws Exception {
    String html = "<html><body><p>Upstream   failed\n\n badly</p>" + "x".repeat(500)
        + "</body></html>";
    assertThat(HttpErrors.snippet(html, null)).startsWith("Upstream failed badly x").hasSize(200)
        .endsWith("…");
  }

  @Test
  void eventErrorThenNoDone() throws Exception {
    server = new TestServer((req, resp, i) -> resp.sse(utf8(chunk("Par")
        + "event: error\ndata: {\"error\":{\"message\":\"tool_use_failed\",\"type\":"
        + "\"invalid_request_error\",\"status_code\":400}}\n\n"), 13, 0));
    ChatResult r = stream();
    assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.error()).isEqualTo("server error in stream: tool_use_failed "
        + "(invalid_request_error) — partial answer kept");
    assertThat(r.content()).isEqualTo("Par");
  }

  @Test
  void relayErrorChunkBeforeDone() throws Exception {
    server = new TestServer((req, resp, i) -> resp.sse(utf8(chunk("Half")
        + "data: {\"id\":\"relay-error-eof\",\"object\":\"chat.completion.chunk\",\"choices\":[],"
        + "\"error\":{\"message\":\"stream relay failure: eof\",\"type\":\"relay_stream_error\","
        + "\"code\":\"upstream_stream_failure_eof\",\"param\":null}}\n\n"
        + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,"
        + "\"total_tokens\":4}}\n\ndata: [DONE]\n\n"), 64, 0));
    ChatResult r = stream();
    assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.error()).contains("stream relay failure: eof");
    assertThat(r.content()).isEqualTo("Half");
    assertThat(r.usage().completionTokens()).isEqualTo(1);
  }

  @Test
  void invalidUtf8DoesNotLoseTheAnswer() throws Exception {
    byte[] bad = utf8(chunk("ok ") + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"X\"}}]}\n\n"
        + finish("stop"));
    int x = new String(bad, StandardCharsets.UTF_8).indexOf("\"X\"") + 1;
    bad[x] = (byte) 0xFF;
    server = new TestServer((req, resp, i) -> resp.sse(bad, 5, 0));
    ChatResult r = stream();
    assertThat(r.outcome()).isEqualTo(Outcome.FINISHED);
    assertThat(r.content()).startsWith("ok ");
    // the decoder re-decodes invalid UTF-8 with U+FFFD replacement
    assertThat(r.content()).isEqualTo("ok \uFFFD");
  }

  @Test
  void noDoneButFinishReasonIsFinished() throws Exception {
    server = new TestServer((req, resp, i) -> resp.sse(utf8(chunk("a") + finish("length")), 7, 0));
    ChatResult r = stream();
    assertThat(r.outcome()).isEqualTo(Outcome.FINISHED);
    assertThat(r.finishReason()).isEqualTo("length");
  }

  @Test
  void doneWithoutFinishReasonIsTruncated() throws Exception {
    server = new TestServer((req, resp, i) -> resp.sse(utf8(chunk("a") + "data: [DONE]\n\n"), 7,
        0));
    ChatResult r = stream();
    assertThat(r.outcome()).isEqualTo(Outcome.TRUNCATED);
    assertThat(r.error()).startsWith("stream ended without finish_reason ([DONE] was sent");
    assertThat(r.content()).isEqualTo("a");
  }

  @Test
  void crlfAndDataWithoutSpace() throws Exception {
    String body = (chunk("one") + chunk(" two") + finish("stop") + "data: [DONE]\n\n")
        .replace("\n", "\r\n").replace("data: ", "data:");
    server = new TestServer((req, resp, i) -> resp.sse(utf8(body), 3, 0));
    ChatResult r = stream();
    assertThat(r.outcome()).isEqualTo(Outcome.FINISHED);
    assertThat(r.content()).isEqualTo("one two");
    assertThat(r.metrics().events()).isEqualTo(4);
  }

  @Test
  void lineOverTheLimitStopsReadingAndKeepsPartial() throws Exception {
    AtomicBoolean closedByClient = new AtomicBoolean();
    server = new TestServer((req, resp, i) -> {
      resp.chunkedHead(200, "Content-Type: text/event-stream");
      resp.chunk(chunk("kept"));
      resp.chunk("data: " + "x".repeat(400) + "\n\n");
      closedByClient.set(resp.awaitClientClose(2000));
    });
    ChatResult r = stream(config().withLimits(new SseLimits(256, 4096)));
    assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.error()).startsWith("SSE line longer than 256 bytes")
        .endsWith("partial answer kept");
    assertThat(r.content()).isEqualTo("kept");
    Thread.sleep(100);
    assertThat(closedByClient).isTrue();
  }

  @Test
  void sseWithWrongContentTypeIsSniffed() throws Exception {
    server = new TestServer((req, resp, i) -> resp.full(200, "text/plain; charset=utf-8",
        chunk("sniffed") + finish("stop")));
    ChatResult r = stream();
    assertThat(r.outcome()).isEqualTo(Outcome.FINISHED);
    assertThat(r.content()).isEqualTo("sniffed");
    assertThat(r.warnings()).anyMatch(w -> w.contains("text/plain"));
  }

  @Test
  void sseWithoutContentType() throws Exception {
    server = new TestServer((req, resp, i) -> resp.full(200, null,
        ": hi\n\n" + chunk("bare") + finish("stop")));
    ChatResult r = stream();
    assertThat(r.outcome()).isEqualTo(Outcome.FINISHED);
    assertThat(r.content()).isEqualTo("bare");
  }

  @Test
  void okWithJsonErrorObject() throws Exception {
    server = new TestServer((req, resp, i) -> resp.full(200, "application/json",
        "{\"error\":{\"message\":\"当前分组上游负载已饱和，请稍后再试 (request id: 42)\","
            + "\"type\":\"one_api_error\"}}"));
    ChatResult r = stream();
    assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.error()).isEqualTo("HTTP 200 from 127.0.0.1 with an error: "
        + "当前分组上游负载已饱和，请稍后再试 (request id: 42) (one_api_error)");
  }

  @Test
  void okWithWholeChatCompletion() throws Exception {
    server = new TestServer((req, resp, i) -> resp.full(200, "application/json",
        "{\"id\":\"x\",\"object\":\"chat.completion\",\"model\":\"m2\",\"choices\":[{\"index\":0,"
            + "\"message\":{\"role\":\"assistant\",\"content\":\"whole answer\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,"
            + "\"completion_tokens\":2,\"total_tokens\":7}}"));
    ChatResult r = stream();
    assertThat(r.outcome()).isEqualTo(Outcome.FINISHED);
    assertThat(r.content()).isEqualTo("whole answer");
    assertThat(r.model()).isEqualTo("m2");
    assertThat(r.usage().completionTokens()).isEqualTo(2);
    assertThat(r.warnings()).anyMatch(w -> w.contains("one JSON answer instead of a stream"));
  }

  @Test
  void okWithHtmlIsAnError() throws Exception {
    server = new TestServer((req, resp, i) -> resp.full(200, "text/html",
        "<html><title>Login required</title><body>please log in</body></html>"));
    ChatResult r = stream();
    assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.error()).isEqualTo("expected an event stream from 127.0.0.1 but got text/html:"
        + " Login required");
  }

  @Test
  void interimProcessingResponseIsTolerated() throws Exception {
    server = new TestServer((req, resp, i) -> {
      resp.raw("HTTP/1.1 102 Processing\r\n\r\n");
      Thread.sleep(50);
      resp.sse(utf8(chunk("after 102") + finish("stop")), 100, 0);
    });
    ChatResult r = stream();
    assertThat(r.error()).isNull();
    assertThat(r.outcome()).isEqualTo(Outcome.FINISHED);
    assertThat(r.content()).isEqualTo("after 102");
  }

  @Test
  void cancelStopsWithin100msAndClosesTheConnection() throws Exception {
    List<AtomicBoolean> closed = Collections.synchronizedList(new ArrayList<>());
    server = new TestServer((req, resp, i) -> {
      AtomicBoolean c = new AtomicBoolean();
      closed.add(c);
      resp.chunkedHead(200, "Content-Type: text/event-stream");
      try {
        for (int k = 0; k < 400; k++) {
          resp.chunk(chunk("t" + k));
          Thread.sleep(25);
        }
      } catch (IOException e) {
        c.set(true);
      }
    });
    OpenAiCompatibleBackend backend = new OpenAiCompatibleBackend(config());
    List<Long> micros = new ArrayList<>();
    for (int run = 0; run < 5; run++) {
      Cancellation cancel = new Cancellation();
      AtomicLong cancelledAt = new AtomicLong();
      ChatDeltaListener l = new ChatDeltaListener() {
        int n;

        @Override
        public void onContent(int choice, char[] text, int off, int len) {
          if (++n == 3) {
            Thread t = new Thread(() -> {
              cancelledAt.set(System.nanoTime());
              cancel.cancel();
            });
            t.start();
          }
        }
      };
      ChatResult r = backend.stream(REQ, l, cancel);
      long returned = System.nanoTime();
      micros.add((returned - cancelledAt.get()) / 1000);
      assertThat(r.outcome()).isEqualTo(Outcome.CANCELLED);
      assertThat(r.content()).startsWith("t0t1t2");
      assertThat(r.error()).isEqualTo("cancelled — partial answer kept");
    }
    Collections.sort(micros);
    System.out.println("cancel → stream() returned, µs (sorted, 5 runs): " + micros);
    assertThat(micros.get(2)).isLessThanOrEqualTo(100_000);
    assertThat(micros.get(4)).isLessThanOrEqualTo(250_000);
    Thread.sleep(200);
    assertThat(closed).hasSize(5).allMatch(AtomicBoolean::get);
  }

  @Test
  void cancelDuringRetryWait() throws Exception {
    server = new TestServer((req, resp, i) -> resp.full(503, "text/plain", "busy",
        "Retry-After: 2"));
    Cancellation cancel = new Cancellation();
    new Thread(() -> {
      try {
        Thread.sleep(300);
      } catch (InterruptedException ignored) {
        // test thread
      }
      cancel.cancel();
    }).start();
    long t0 = System.nanoTime();
    ChatResult r = new OpenAiCompatibleBackend(config()).stream(REQ, new ChatDeltaListener() {},
        cancel);
    assertThat(r.outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(1500);
  }

  @Test
  void modelsListedFromDataIds() throws Exception {
    server = new TestServer((req, resp, i) -> resp.full(200, "application/json",
        "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o\",\"object\":\"model\",\"meta\":"
            + "{\"id\":\"nested\"}},{\"id\":\"deepseek-chat\"}]}"));
    List<String> models = new OpenAiCompatibleBackend(config()).models();
    assertThat(models).containsExactly("gpt-4o", "deepseek-chat");
    assertThat(server.requests.get(0).path()).isEqualTo("/v1/models");
    assertThat(server.requests.get(0).headers()).containsEntry("authorization", "Bearer " + KEY);
  }

  @Test
  void modelsErrorIsOneLine() throws Exception {
    server = new TestServer((req, resp, i) -> resp.full(403, "application/json",
        "{\"error\":{\"message\":\"no access for " + KEY + "\"}}"));
    assertThatThrownBy(() -> new OpenAiCompatibleBackend(config()).models())
        .isInstanceOf(ChatException.class)
        .hasMessage("HTTP 403 Forbidden from 127.0.0.1: no access for sk-…cdef"
            + " — check the API key and that it may use this model");
  }

  @Test
  void describeAndToStringNeverShowTheKey() throws Exception {
    server = new TestServer((req, resp, i) -> { });
    OpenAiCompatibleBackend b = new OpenAiCompatibleBackend(config());
    assertThat(b.describe()).isEqualTo("test (" + server.baseUrl() + "/v1)");
    assertThat(config().toString()).doesNotContain(KEY).contains("sk-…cdef");
    assertThat(b.describe()).doesNotContain(KEY);
  }
}
