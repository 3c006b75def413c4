package org.ssechat.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ssechat.chat.ChatAccumulator;
import org.ssechat.chat.ChatStreamDecoder;
import org.ssechat.chat.ChatStreamDecoder.Dialect;
import org.ssechat.replay.Pacing;
import org.ssechat.replay.RecordingLibrary;
import org.ssechat.replay.Speed;
import org.ssechat.sse.SseParser;
import org.ssechat.sse.SseParsers;
import org.ssechat.testing.NettyLeaks;

/** The event-loop engine: the same answers as the thread-per-stream one, and its guards. */
class EventLoopServerTest {
  static {
    NettyLeaks.install(); // every buffer tracked; no test may leave a leak report
  }

  @AfterAll
  static void noBufferLeaked() throws Exception {
    assertThat(NettyLeaks.reports().stream().filter(r -> !r.contains(CANARY))).isEmpty();
  }

  private static final String CANARY = "deliberately-leaked-canary";

  /** The detector is really listened to: a buffer dropped unreleased is reported. */
  @Test
  void aLeakedBufferIsReported() throws Exception {
    io.netty.buffer.ByteBuf leaked = io.netty.buffer.Unpooled.directBuffer(64).touch(CANARY);
    leaked.writeByte(1);
    leaked = null; // unreachable, never released
    long until = System.nanoTime() + 10_000_000_000L;
    while (NettyLeaks.reports().stream().noneMatch(r -> r.contains(CANARY))) {
      assertThat(System.nanoTime()).as("leak report").isLessThan(until);
    }
  }

  private static final RecordingLibrary LIB = RecordingLibrary.bundled();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .build();
  private final List<EventLoopServer> servers = new ArrayList<>();
  private final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();

  @AfterEach
  void stop() {
    servers.forEach(EventLoopServer::close);
  }

  private EventLoopServer start(Speed speed, EventLoopServer.Limits limits) throws Exception {
    EventLoopServer s = new EventLoopServer(LIB, "127.0.0.1", 0, Pacing.of(speed), limits,
        log::add);
    servers.add(s);
    return s;
  }

  /** A plain socket to {@code s}, for what an HTTP client would not send; reads time out. */
  private static Socket rawSocket(ServeEngine s, int timeoutMillis) throws java.io.IOException {
    Socket sock = new Socket("127.0.0.1", s.baseUrl().getPort());
    sock.setSoTimeout(timeoutMillis);
    return sock;
  }

  private HttpResponse<byte[]> post(EventLoopServer s, String path, String body, String auth)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.baseUrl() + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (auth != null) {
      b.header("Authorization", auth);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String chat(String model, boolean stream) {
    return "{\"model\":\"" + model + "\",\"stream\":" + stream
        + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
  }

  private static ChatAccumulator decoded(Dialect d, byte[] body) {
    ChatAccumulator acc = new ChatAccumulator();
    SseParser p = SseParsers.create(ChatStreamDecoder.of(d, acc));
    p.feed(body, 0, body.length);
    p.endOfInput();
    return acc;
  }

  @Test
  void everyRecordingStreamsByteExactOrTranslatedAndModelsAreListed() throws Exception {
    EventLoopServer s = start(Speed.MAX, EventLoopServer.Limits.DEFAULTS);
    for (String name : LIB.names()) {
      HttpResponse<byte[]> r = post(s, "/chat/completions", chat(name, true), null);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");
      byte[] rec = LIB.get(name).body();
      Dialect d = ChatStreamDecoder.detect(rec, 0, rec.length);
      if (d == Dialect.CHAT) {
        assertThat(new String(r.body(), StandardCharsets.UTF_8))
            .isEqualTo(new String(rec, StandardCharsets.UTF_8));
      } else {
        assertThat(decoded(Dialect.CHAT, r.body()).content()).isEqualTo(decoded(d, rec).content());
      }
    }
    awaitStreamed(s, LIB.names().size());
    String models = new String(http.send(HttpRequest.newBuilder(URI.create(s.baseUrl()
        + "/models")).build(), HttpResponse.BodyHandlers.ofByteArray()).body(),
        StandardCharsets.UTF_8);
    assertThat(models).contains("\"ssechat-offline-sky-blue\"");
    var m = decoded(Dialect.MESSAGES, post(s, "/messages", "{\"model\":\"ssechat-offline-sky-blue\","
        + "\"max_tokens\":9,\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
        null).body());
    assertThat(m.content()).isEqualTo(decoded(Dialect.CHAT, LIB.get("ssechat-offline-sky-blue")
        .body()).content());
    assertThat(m.finishReason()).isEqualTo("end_turn");
    String whole = new String(post(s, "/chat/completions", chat("ssechat-offline-sky-blue",
        false), null).body(), StandardCharsets.UTF_8);
    assertThat(whole).contains("\"object\":\"chat.completion\"").contains("Rayleigh");
  }

  @Test
  void guardsAnswerWithTheRightStatus() throws Exception {
    EventLoopServer s = start(Speed.MAX, EventLoopServer.Limits.DEFAULTS.withToken("t0k3n")
        .withMaxBodyBytes(1024));
    assertThat(post(s, "/chat/completions", chat("x", true), null).statusCode()).isEqualTo(401);
    assertThat(post(s, "/chat/completions", chat("x", true), "Bearer wrong").statusCode())
        .isEqualTo(401);
    assertThat(post(s, "/chat/completions", chat("ssechat-offline-sky-blue", true),
        "Bearer t0k3n").statusCode()).isEqualTo(200);
    assertThat(post(s, "/chat/completions", "{\"pad\":\"" + "x".repeat(4000) + "\"}",
        "Bearer t0k3n").statusCode()).isEqualTo(413);
    assertThat(post(s, "/chat/completions", "{not json", "Bearer t0k3n").statusCode())
        .isEqualTo(400);
    assertThat(post(s, "/nowhere", "{}", "Bearer t0k3n").statusCode()).isEqualTo(404);
    assertThat(post(s, "/chat/completions", chat("x", true), "Bearer t0k3n-and-more")
        .statusCode()).isEqualTo(401);
    assertThat(models(s, "x-api-key: t0k3n", "localhost:1")).startsWith("HTTP/1.1 200");
    assertThat(models(s, "x-api-key: t0k3", "localhost:1")).startsWith("HTTP/1.1 401");
    // DNS rebinding: a browser sends the attacker's host name to the loopback port, which may
    // well look like a loopback address at first sight
    for (String host : new String[] {"evil.example:80", "127.evil.example", "127.0.0.1.nip.io",
        "127.0.0.1x"}) {
      assertThat(models(s, "Authorization: Bearer t0k3n", host)).as(host)
          .startsWith("HTTP/1.1 421").contains("DNS rebinding");
    }
    for (String host : new String[] {"127.0.0.1:8080", "127.1.2.3", "localhost", "[::1]:80"}) {
      assertThat(models(s, "Authorization: Bearer t0k3n", host)).as(host)
          .startsWith("HTTP/1.1 200");
    }
  }

  /** The raw answer to {@code GET /v1/models} sent with {@code header} and {@code Host: host}. */
  private static String models(EventLoopServer s, String header, String host) throws Exception {
    try (Socket sock = rawSocket(s, 5000)) {
      sock.getOutputStream().write(("GET /v1/models HTTP/1.1\r\nHost: " + host + "\r\n" + header
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      return new String(sock.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Both engines read requests and answers one way: the same status and message for each. */
  @Test
  void bothEnginesRefuseBadRequestsAlike() throws Exception {
    EventLoopServer netty = start(Speed.MAX, EventLoopServer.Limits.DEFAULTS);
    RecordingServer threads = new RecordingServer(LIB, "127.0.0.1", 0, Pacing.of(Speed.MAX),
        org.ssechat.replay.PacingClock.SYSTEM, log::add);
    try {
      String[][] cases = {
          // method, path, body, status, message
          {"GET", "/v1/chat/completions", null, "405", "method GET not allowed on "
              + "/v1/chat/completions"},
          {"POST", "/v1/models", "{}", "405", "method POST not allowed on /v1/models"},
          {"POST", "/v1/nowhere", "{}", "404", "no route POST /v1/nowhere (this server has"},
          {"POST", "/v1/chat/completions", "{not json", "400", "request body is not valid JSON"},
          {"POST", "/v1/chat/completions", "[1]", "400", "request body must be a JSON object"},
          {"POST", "/v1/chat/completions", "{\"model\":\"x\"}", "400",
              "'messages' must be an array"},
          {"POST", "/v1/messages", "{\"messages\":[]}", "400",
              "this server answers messages requests with stream: true only"},
          // not a refusal of the request: the recorded answer is an error
          {"POST", "/v1/chat/completions", chat("ssechat-sample-midstream-error", false), "502",
              "The upstream provider timed out (synthetic sample)"},
      };
      for (String[] c : cases) {
        for (java.net.URI base : List.of(netty.baseUrl(), threads.baseUrl())) {
          HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base.toString()
              .replace("/v1", "") + c[1]));
          b = c[2] == null ? b.GET() : b.POST(HttpRequest.BodyPublishers.ofString(c[2]));
          HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
          assertThat(r.statusCode()).as(base + " " + c[0] + " " + c[1]).isEqualTo(
              Integer.parseInt(c[3]));
          assertThat(ServeJson.JSON.readTree(r.body()).path("error").path("message").asString())
              .as(base + " " + c[1]).contains(c[4]);
        }
      }
    } finally {
      threads.close();
    }
  }

  @Test
  void connectionsPastTheLimitGet503() throws Exception {
    EventLoopServer s = start(Speed.parse("1"), EventLoopServer.Limits.DEFAULTS
        .withMaxConnections(2));
    try (Socket a = new Socket("127.0.0.1", s.port()); Socket b = new Socket("127.0.0.1",
        s.port()); Socket c = new Socket("127.0.0.1", s.port())) {
      // which of the three is the third to be counted is up to the event loops: exactly one is
      // refused, the others stay open and silent
      int refused = 0;
      for (Socket sock : List.of(a, b, c)) {
        sock.setSoTimeout(3000);
        try {
          String resp = new String(sock.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
          assertThat(resp).startsWith("HTTP/1.1 503").contains("limit of 2 connections");
          refused++;
        } catch (java.net.SocketTimeoutException open) {
          // kept
        }
      }
      assertThat(refused).isEqualTo(1);
    }
  }

  /** Per stream: when its first byte and its end arrived, and what it received. */
  private static final class Timing implements java.util.concurrent.Flow.Subscriber<
      List<java.nio.ByteBuffer>> {
    volatile long first = -1;
    volatile long end = -1;
    final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

    @Override
    public void onSubscribe(java.util.concurrent.Flow.Subscription sub) {
      sub.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<java.nio.ByteBuffer> items) {
      if (first < 0) {
        first = System.nanoTime();
      }
      for (java.nio.ByteBuffer b : items) {
        byte[] x = new byte[b.remaining()];
        b.get(x);
        bytes.writeBytes(x);
      }
    }

    @Override
    public void onError(Throwable t) {
      end = System.nanoTime();
    }

    @Override
    public void onComplete() {
      end = System.nanoTime();
    }
  }

  /**
   * Hundreds of paced streams at once on a few threads: every stream has begun before the first
   * one ends (a server with 256 threads would start the 257th only after one ended).
   */
  @Test
  void threeHundredPacedStreamsPlayAtOnce() throws Exception {
    EventLoopServer s = start(Speed.parse("2"), EventLoopServer.Limits.DEFAULTS);
    byte[] rec = LIB.get("ssechat-offline-sky-blue").body();
    HttpRequest req = HttpRequest.newBuilder(URI.create(s.baseUrl() + "/chat/completions"))
        .POST(HttpRequest.BodyPublishers.ofString(chat("ssechat-offline-sky-blue", true)))
        .build();
    List<Timing> timings = new ArrayList<>();
    List<CompletableFuture<HttpResponse<Void>>> all = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Timing t = new Timing();
      timings.add(t);
      all.add(http.sendAsync(req, HttpResponse.BodyHandlers.fromSubscriber(t)));
    }
    for (var f : all) {
      assertThat(f.get().statusCode()).isEqualTo(200);
    }
    long lastStart = timings.stream().mapToLong(t -> t.first).max().orElseThrow();
    long firstEnd = timings.stream().mapToLong(t -> t.end).min().orElseThrow();
    assertThat(lastStart).isLessThan(firstEnd);
    for (Timing t : timings) {
      assertThat(t.bytes.toByteArray()).isEqualTo(rec);
    }
    awaitStreamed(s, 300);
  }

  private static void awaitStreamed(EventLoopServer s, long n) throws InterruptedException {
    for (int i = 0; i < 100 && s.streamed() < n; i++) {
      Thread.sleep(50); // the server counts a stream once its last chunk has left
    }
    assertThat(s.streamed()).isEqualTo(n);
  }

  @Test
  void aClientThatLeavesMidStreamIsCountedAndTheServerGoesOn() throws Exception {
    EventLoopServer s = start(Speed.parse("1"), EventLoopServer.Limits.DEFAULTS);
    try (Socket sock = rawSocket(s, 5000)) {
      String body = chat("ssechat-offline-sky-blue", true);
      sock.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n"
          + body).getBytes(StandardCharsets.UTF_8));
      InputStream in = sock.getInputStream();
      assertThat(in.read(new byte[512])).isPositive(); // the stream began
    }
    for (int i = 0; i < 50 && s.disconnects() == 0; i++) {
      Thread.sleep(100);
    }
    assertThat(s.disconnects()).isEqualTo(1);
    assertThat(post(s, "/chat/completions", chat("ssechat-offline-welcome", false), null)
        .statusCode()).isEqualTo(200);
  }

  /** Closing the server ends a running stream cleanly: the client sees an end, not an error. */
  @Test
  void closingEndsRunningStreamsCleanly() throws Exception {
    EventLoopServer s = start(Speed.parse("1"), EventLoopServer.Limits.DEFAULTS);
    Timing t = new Timing();
    CompletableFuture<HttpResponse<Void>> f = http.sendAsync(HttpRequest.newBuilder(
        URI.create(s.baseUrl() + "/chat/completions")).POST(HttpRequest.BodyPublishers.ofString(
        chat("ssechat-offline-sky-blue", true))).build(), HttpResponse.BodyHandlers.fromSubscriber(t));
    for (int i = 0; i < 100 && t.first < 0; i++) {
      Thread.sleep(20);
    }
    s.close();
    assertThat(f.get(5, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    byte[] got = t.bytes.toByteArray();
    byte[] rec = LIB.get("ssechat-offline-sky-blue").body();
    assertThat(got.length).isPositive().isLessThan(rec.length);
    assertThat(java.util.Arrays.copyOf(rec, got.length)).isEqualTo(got); // a clean prefix
  }

  @Test
  void faultDrawsDependOnTheSeedAndTheRequestNumberOnly() {
    Faults f = Faults.parse("drop=10%,stall=10%,status429=10%,status500=10%,"
        + "midstream-error=10%,slow-first-byte=200ms", 42);
    assertThat(f.slowFirstByteMs()).isEqualTo(200);
    List<Faults.Kind> a = new ArrayList<>();
    List<Faults.Kind> b = new ArrayList<>();
    java.util.Map<Faults.Kind, Integer> counts = new java.util.EnumMap<>(Faults.Kind.class);
    for (int n = 0; n < 10_000; n++) {
      a.add(f.draw(n).kind());
      b.add(Faults.parse("drop=10%,stall=10%,status429=10%,status500=10%,midstream-error=10%",
          42).draw(n).kind());
      counts.merge(f.draw(n).kind(), 1, Integer::sum);
    }
    assertThat(a).isEqualTo(b);
    assertThat(counts.get(Faults.Kind.NONE)).isBetween(4700, 5300);
    assertThat(counts.get(Faults.Kind.DROP)).isBetween(850, 1150);
    assertThat(Faults.parse("drop=10%", 43).draw(7)).isNotEqualTo(Faults.parse("drop=10%", 42)
        .draw(7)); // another seed, another draw (at differs)
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Faults.parse("flood=1%", 1))
        .hasMessageContaining("unknown fault 'flood'");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Faults.parse("drop=80%,stall=30%",
        1)).hasMessageContaining("more than 100%");
  }

  private EventLoopServer faulty(String spec) throws Exception {
    EventLoopServer s = new EventLoopServer(LIB, "127.0.0.1", 0, Pacing.of(Speed.MAX),
        EventLoopServer.Limits.DEFAULTS, Faults.parse(spec, 7), log::add);
    servers.add(s);
    return s;
  }

  @Test
  void eachFaultKindHappensAsSaid() throws Exception {
    String sky = chat("ssechat-offline-sky-blue", true);
    byte[] rec = LIB.get("ssechat-offline-sky-blue").body();

    HttpResponse<byte[]> busy = post(faulty("status429=100%"), "/chat/completions", sky, null);
    assertThat(busy.statusCode()).isEqualTo(429);
    assertThat(busy.headers().firstValue("retry-after")).hasValue("1");
    assertThat(post(faulty("status500=100%"), "/chat/completions", sky, null).statusCode())
        .isEqualTo(500);

    var err = decoded(Dialect.CHAT, post(faulty("midstream-error=100%"), "/chat/completions",
        sky, null).body());
    assertThat(err.errors()).extracting(e -> e.message())
        .containsExactly("injected fault: midstream-error");
    assertThat(err.content()).isNotEmpty();
    assertThat(err.finishReason()).isNull();
    var messagesErr = decoded(Dialect.MESSAGES, post(faulty("midstream-error=100%"), "/messages",
        "{\"model\":\"ssechat-offline-sky-blue\",\"max_tokens\":9,\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", null).body());
    assertThat(messagesErr.errors()).extracting(e -> e.message())
        .containsExactly("injected fault: midstream-error");
    byte[] responses = post(faulty("midstream-error=100%"), "/responses", "{\"model\":"
        + "\"ssechat-offline-sky-blue\",\"stream\":true,\"input\":\"x\"}", null).body();
    assertThat(decoded(Dialect.RESPONSES, responses).errors()).extracting(e -> e.message())
        .containsExactly("injected fault: midstream-error");
    // translated: the error goes on the translation's own sequence numbers
    assertNumberedOneByOne(responses);
    // a recording already in the Responses dialect (this one without sequence numbers)
    byte[] raw = post(faulty("midstream-error=100%"), "/responses", "{\"model\":"
        + "\"public-openai-responses-function-call\",\"stream\":true,\"input\":\"x\"}", null)
        .body();
    assertThat(decoded(Dialect.RESPONSES, raw).errors()).extracting(e -> e.message())
        .containsExactly("injected fault: midstream-error");
    assertThat(Faults.parse("midstream-error=0.5%,drop=1%,slow-first-byte=200ms", 3))
        .hasToString("drop=1%,midstream-error=0.5%,slow-first-byte=200ms, seed 3");
    assertThat(Faults.NONE).hasToString("none, seed 0");
    assertThat(Faults.parse("status429=2%,stall=0.5%,status500=1%", 1))
        .hasToString("stall=0.5%,status429=2%,status500=1%, seed 1");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Faults.parse(
        "slow-first-byte=-5ms", 1)).hasMessage("bad --faults slow-first-byte '-5ms': use e.g. "
        + "25ms, 1s or 0");

    EventLoopServer drop = faulty("drop=100%");
    Timing t = new Timing();
    var f = http.sendAsync(HttpRequest.newBuilder(URI.create(drop.baseUrl() + "/chat/completions"))
        .POST(HttpRequest.BodyPublishers.ofString(sky)).build(),
        HttpResponse.BodyHandlers.fromSubscriber(t));
    // the connection is cut inside the chunked body: the client sees a broken stream
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.get(5,
        java.util.concurrent.TimeUnit.SECONDS)).hasRootCauseInstanceOf(EOFException.class);
    assertThat(t.bytes.size()).isPositive().isLessThan(rec.length);
    assertThat(log).anyMatch(l -> l.contains("(fault: drop at read"));

    EventLoopServer stall = faulty("stall=100%");
    try (Socket sock = rawSocket(stall, 5000)) {
      sock.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Length: " + sky.length() + "\r\n\r\n" + sky)
          .getBytes(StandardCharsets.UTF_8));
      sock.setSoTimeout(1500);
      InputStream in = sock.getInputStream();
      java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      try {
        for (int n; (n = in.read(buf)) > 0; ) {
          got.write(buf, 0, n);
        }
      } catch (java.net.SocketTimeoutException silent) {
        // the stream stopped and the connection stayed open: the stall
      }
      assertThat(got.toString(StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200")
          .doesNotContain("[DONE]");
    }
  }

  /**
   * A recording already in the Responses dialect, with sequence numbers, served byte-exact and
   * read in pieces that cut its events anywhere: the injected error comes after the event under
   * way is finished, and goes on with the recording's numbers.
   */
  @Test
  void anInjectedErrorInARawResponsesStreamFinishesTheEventAndGoesOnNumbering(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    byte[] numbered = post(start(Speed.MAX, EventLoopServer.Limits.DEFAULTS), "/responses",
        "{\"model\":\"ssechat-offline-sky-blue\",\"stream\":true,\"input\":\"x\"}", null)
        .body(); // this server's translation: a Responses stream with sequence numbers
    java.nio.file.Files.write(dir.resolve("numbered.sse"), numbered);
    StringBuilder reads = new StringBuilder();
    for (int off = 0; off < numbered.length; off += 97) {
      reads.append(off == 0 ? "" : ",").append("[0,")
          .append(Math.min(97, numbered.length - off)).append(']');
    }
    java.nio.file.Files.writeString(dir.resolve("numbered.sse.json"), "{\"format\":"
        + "\"ssechat-recording\",\"version\":1,\"reads\":[" + reads + "]}");
    EventLoopServer s = new EventLoopServer(RecordingLibrary.directory(dir), "127.0.0.1", 0,
        Pacing.of(Speed.MAX), EventLoopServer.Limits.DEFAULTS,
        Faults.parse("midstream-error=100%", 7),
        log::add);
    servers.add(s);
    String text = new String(numbered, StandardCharsets.UTF_8);
    for (int i = 0; i < 8; i++) { // the fault comes at a different read each time
      byte[] got = post(s, "/responses", "{\"model\":\"numbered\",\"stream\":true,"
          + "\"input\":\"x\"}", null).body();
      String g = new String(got, StandardCharsets.UTF_8);
      int error = g.lastIndexOf("event: error\n");
      assertThat(error).as(g).isPositive();
      assertThat(text).startsWith(g.substring(0, error)); // the recording, up to an event's end
      assertThat(g.substring(0, error)).endsWith("\n\n");
      assertThat(decoded(Dialect.RESPONSES, got).errors()).extracting(e -> e.message())
          .containsExactly("injected fault: midstream-error");
      assertNumberedOneByOne(got);
    }
  }

  /**
   * Framed bodies past the cache's budget leave it, least recently asked for first; a stream
   * still playing one keeps it alive to its end, and the memory goes back with the last holder.
   */
  @Test
  void theFramedCacheKeepsToItsBudgetWithoutCuttingAStream() throws Exception {
    EventLoopServer s = start(Speed.parse("4"), EventLoopServer.Limits.DEFAULTS);
    s.cacheBudget(1); // room for one body at a time
    var sky = LIB.get("ssechat-offline-sky-blue");
    var welcome = LIB.get("ssechat-offline-welcome");
    EventLoopServer.Prepared held = s.prepared(sky);
    assertThat(held.framed().bytes().refCnt()).isEqualTo(2); // the cache's and ours
    assertThat(s.prepared(sky)).isSameAs(held); // made once while it stays
    held.framed().release();
    EventLoopServer.Prepared other = s.prepared(welcome);
    assertThat(held.framed().bytes().refCnt()).isOne(); // out of the cache; ours is left
    assertThat(s.cachedBytes()).isEqualTo(other.framed().size());
    other.framed().release();
    held.framed().release();
    assertThat(held.framed().bytes().refCnt()).isZero(); // the memory is back

    Timing t = new Timing();
    var playing = http.sendAsync(HttpRequest.newBuilder(URI.create(s.baseUrl()
        + "/chat/completions")).POST(HttpRequest.BodyPublishers.ofString(
        chat("ssechat-offline-sky-blue", true))).build(),
        HttpResponse.BodyHandlers.fromSubscriber(t));
    for (int i = 0; i < 100 && t.first < 0; i++) {
      Thread.sleep(20);
    }
    // another (short) recording pushes sky-blue's body out of the cache while its stream plays
    assertThat(post(s, "/chat/completions", chat("dashscope-qwen-plus-chinese-usage", true),
        null).body()).isEqualTo(LIB.get("dashscope-qwen-plus-chinese-usage").body());
    assertThat(t.end).as("sky-blue still playing").isNegative();
    assertThat(playing.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode())
        .isEqualTo(200);
    assertThat(t.bytes.toByteArray()).isEqualTo(sky.body());
    // asked for again, it is framed again
    assertThat(post(s, "/chat/completions", chat("ssechat-offline-sky-blue", true), null).body())
        .isEqualTo(sky.body());
  }

  /** The stream's {@code sequence_number}s count up by one from event to event. */
  private static void assertNumberedOneByOne(byte[] stream) {
    var seq = java.util.regex.Pattern.compile("\"sequence_number\":(\\d+)")
        .matcher(new String(stream, StandardCharsets.UTF_8)).results()
        .map(m -> Integer.parseInt(m.group(1))).toList();
    assertThat(seq).hasSizeGreaterThan(2);
    for (int i = 1; i < seq.size(); i++) {
      assertThat(seq.get(i)).as("sequence_number %d", i).isEqualTo(seq.get(i - 1) + 1);
    }
  }

  @Test
  void slowFirstByteDelaysEveryResponse() throws Exception {
    EventLoopServer s = faulty("slow-first-byte=300ms");
    long t0 = System.nanoTime();
    assertThat(post(s, "/chat/completions", chat("ssechat-offline-sky-blue", true), null)
        .statusCode()).isEqualTo(200);
    assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(300);
  }

  @Test
  void streamsPastTheLimitGet429AndTheCountComesBack() throws Exception {
    EventLoopServer s = start(Speed.parse("4"), EventLoopServer.Limits.DEFAULTS.withMaxStreams(1));
    Timing t = new Timing();
    var first = http.sendAsync(HttpRequest.newBuilder(URI.create(s.baseUrl()
        + "/chat/completions")).POST(HttpRequest.BodyPublishers.ofString(
        chat("ssechat-offline-sky-blue", true))).build(), HttpResponse.BodyHandlers.fromSubscriber(t));
    for (int i = 0; i < 100 && t.first < 0; i++) {
      Thread.sleep(20);
    }
    HttpResponse<byte[]> second = post(s, "/chat/completions", chat("ssechat-offline-sky-blue",
        true), null);
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(second.headers().firstValue("retry-after")).hasValue("1");
    assertThat(post(s, "/chat/completions", chat("ssechat-offline-sky-blue", false), null)
        .statusCode()).isEqualTo(200); // not a stream: not counted
    assertThat(first.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    awaitStreamed(s, 1);
    assertThat(post(s, "/chat/completions", chat("ssechat-offline-welcome", true), null)
        .statusCode()).isEqualTo(200);
  }

  @Test
  void anIdleKeepAliveConnectionIsClosedButAStreamIsNot() throws Exception {
    EventLoopServer s = start(Speed.parse("1"), EventLoopServer.Limits.DEFAULTS
        .withIdleSeconds(1));
    try (Socket idle = rawSocket(s, 5000)) {
      String body = chat("ssechat-offline-welcome", false);
      idle.getOutputStream().write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Length: " + body.length() + "\r\n\r\n" + body)
          .getBytes(StandardCharsets.UTF_8));
      long t0 = System.nanoTime();
      String all = new String(idle.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(all).startsWith("HTTP/1.1 200"); // answered, then closed when idle
      assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(4500);
    }
    // a paced stream longer than the idle time is not cut: reads are activity
    assertThat(post(s, "/chat/completions", chat("ssechat-offline-sky-blue", true), null).body())
        .isEqualTo(LIB.get("ssechat-offline-sky-blue").body());
  }

  /** The error a fault injects mid-stream is one event, with no start events before it. */
  @Test
  void anInjectedErrorIsOneEventAloneInEachDialect() {
    for (Dialect d : Dialect.values()) {
      byte[] bytes = DialectEventWriter.errorAfter(d, "boom \"quoted\"", new byte[0], 0);
      String text = new String(bytes, StandardCharsets.UTF_8);
      assertThat(text.split("\n\n", -1)).as(d + ": one event").hasSize(2);
      ChatAccumulator acc = decoded(d, bytes);
      assertThat(acc.errors()).as(d.name()).extracting(e -> e.message())
          .containsExactly("boom \"quoted\"");
      assertThat(acc.content()).as(d.name()).isEmpty();
    }
  }

  /** HTTP/1.0 has no chunked encoding: the stream is the body up to the close, byte-exact. */
  @Test
  void anHttp10ClientGetsTheStreamUnchunkedUpToTheClose() throws Exception {
    EventLoopServer s = start(Speed.MAX, EventLoopServer.Limits.DEFAULTS);
    for (String path : new String[] {"/v1/chat/completions", "/v1/messages"}) {
      String body = path.endsWith("messages") ? "{\"model\":\"ssechat-offline-welcome\","
          + "\"max_tokens\":9,\"stream\":true,\"messages\":[{\"role\":\"user\","
          + "\"content\":\"x\"}]}" : chat("ssechat-offline-welcome", true);
      try (Socket old = rawSocket(s, 5000)) {
        old.getOutputStream().write(("POST " + path + " HTTP/1.0\r\nHost: 127.0.0.1\r\n"
            + "Content-Length: " + body.length() + "\r\n\r\n" + body)
            .getBytes(StandardCharsets.UTF_8));
        byte[] all = old.getInputStream().readAllBytes(); // to the close
        String text = new String(all, StandardCharsets.ISO_8859_1);
        int split = text.indexOf("\r\n\r\n");
        String head = text.substring(0, split).toLowerCase(java.util.Locale.ROOT);
        assertThat(head).startsWith("http/1.1 200").contains("connection: close")
            .doesNotContain("transfer-encoding").doesNotContain("content-length");
        byte[] got = java.util.Arrays.copyOfRange(all, split + 4, all.length);
        if (path.endsWith("completions")) {
          assertThat(got).isEqualTo(LIB.get("ssechat-offline-welcome").body());
        } else { // translated: whole, and in the client's dialect
          assertThat(decoded(Dialect.MESSAGES, got).content())
              .isEqualTo(decoded(Dialect.CHAT, LIB.get("ssechat-offline-welcome").body())
                  .content());
        }
      }
    }
  }

  @Test
  void aSilentConnectionIsClosedWhenIdle() throws Exception {
    EventLoopServer s = start(Speed.MAX, EventLoopServer.Limits.DEFAULTS.withIdleSeconds(1));
    try (Socket silent = rawSocket(s, 5000)) {
      long t0 = System.nanoTime();
      assertThat(silent.getInputStream().read()).isEqualTo(-1); // closed, nothing said
      assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(800L, 4000L);
    }
  }

  /**
   * A client that does not read pauses its stream (the connection stops being writable) and
   * resumes it when it reads again: 8 MiB at full speed arrive whole and in order.
   */
  @Test
  @org.junit.jupiter.api.Timeout(value = 30, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
  void aClientThatStopsReadingPausesItsStreamWhichThenResumes(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; sb.length() < 8 << 20; i++) {
      sb.append("data: {\"choices\":[{\"delta\":{\"content\":\"").append(i)
          .append(" ").append("x".repeat(i % 97)).append("\"}}]}\n\n");
    }
    byte[] body = sb.append("data: [DONE]\n\n").toString().getBytes(StandardCharsets.UTF_8);
    java.nio.file.Files.write(dir.resolve("big.sse"), body);
    EventLoopServer s = new EventLoopServer(RecordingLibrary.directory(dir), "127.0.0.1", 0,
        Pacing.of(Speed.MAX), EventLoopServer.Limits.DEFAULTS, log::add);
    servers.add(s);
    HttpResponse<java.io.InputStream> r = http.send(HttpRequest.newBuilder(
        URI.create(s.baseUrl() + "/chat/completions")).header("Content-Type",
        "application/json").POST(HttpRequest.BodyPublishers.ofString(chat("big", true))).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    Thread.sleep(1000); // not reading: the server must stop, not buffer 8 MiB
    try (java.io.InputStream in = r.body()) {
      assertThat(in.readAllBytes()).isEqualTo(body);
    }
    awaitStreamed(s, 1);
  }

  /**
   * A recording without timing (no sidecar) streams one event per gap, divided by the speed, on
   * both engines; a gap of 0 sends it all at once.
   */
  @Test
  void anUntimedRecordingIsPacedOneEventPerGap(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      sb.append("data: {\"choices\":[{\"delta\":{\"content\":\"").append(i).append("\"}}]}\n\n");
    }
    byte[] body = sb.append("data: [DONE]\n\n").toString().getBytes(StandardCharsets.UTF_8);
    java.nio.file.Files.write(dir.resolve("untimed.sse"), body); // 11 events, 10 gaps
    RecordingLibrary lib = RecordingLibrary.directory(dir);
    Pacing paced = new Pacing(Speed.parse("2"), 40_000_000); // 20 ms per event
    List<ServeEngine> engines = List.of(
        new EventLoopServer(lib, "127.0.0.1", 0, paced, EventLoopServer.Limits.DEFAULTS, log::add),
        new RecordingServer(lib, "127.0.0.1", 0, paced, org.ssechat.replay.PacingClock.SYSTEM,
            log::add),
        new EventLoopServer(lib, "127.0.0.1", 0, paced.withUntimedGapNanos(0),
            EventLoopServer.Limits.DEFAULTS, log::add));
    long[] took = new long[engines.size()];
    try {
      for (int i = 0; i < engines.size(); i++) {
        Timing t = new Timing();
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(engines.get(i)
            .baseUrl() + "/chat/completions")).POST(HttpRequest.BodyPublishers.ofString(
            chat("untimed", true))).build(), HttpResponse.BodyHandlers.fromSubscriber(t));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(t.bytes.toByteArray()).isEqualTo(body);
        took[i] = (t.end - t.first) / 1_000_000;
      }
    } finally {
      engines.forEach(ServeEngine::close);
    }
    assertThat(took[0]).as("netty, paced").isGreaterThanOrEqualTo(180);
    assertThat(took[1]).as("threads, paced").isGreaterThanOrEqualTo(180);
    assertThat(took[2]).as("gap 0: all at once").isLessThan(took[0] / 2);
  }

  @Test
  void aRequestTrickledInTooSlowlyGets408ButAWaitBetweenRequestsIsFine() throws Exception {
    EventLoopServer s = start(Speed.MAX, EventLoopServer.Limits.DEFAULTS
        .withRequestTimeoutSeconds(1));
    byte[] head = "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: aaaaaaaaaaaaaaaaaaaa\r\n\r\n"
        .getBytes(StandardCharsets.US_ASCII);
    try (Socket slow = rawSocket(s, 5000)) {
      OutputStream out = slow.getOutputStream();
      long t0 = System.nanoTime();
      try {
        for (int i = 0; i < head.length - 1; i++) { // never silent for more than 150 ms
          out.write(head[i]);
          out.flush();
          Thread.sleep(150);
        }
      } catch (java.net.SocketException cut) {
        // the server closed while we were still trickling
      }
      String resp = new String(slow.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(resp).startsWith("HTTP/1.1 408").contains("request not complete within 1 s");
      assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(900L, 4000L);
    }
    try (Socket patient = rawSocket(s, 5000)) {
      OutputStream out = patient.getOutputStream();
      var in = new java.io.BufferedReader(new java.io.InputStreamReader(patient.getInputStream(),
          StandardCharsets.UTF_8));
      for (int round = 0; round < 2; round++) {
        out.write(head);
        out.flush();
        assertThat(in.readLine()).isEqualTo("HTTP/1.1 200 OK");
        int length = 0;
        for (String h = in.readLine(); !h.isEmpty(); h = in.readLine()) {
          if (h.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
            length = Integer.parseInt(h.substring(15).trim());
          }
        }
        assertThat(in.skip(length)).isEqualTo(length);
        Thread.sleep(1500); // longer than the request timeout, between requests
      }
    }
  }

  @Test
  void anOversizedBodyGets413AndTheConnectionClosesAtOnce() throws Exception {
    EventLoopServer s = start(Speed.MAX, EventLoopServer.Limits.DEFAULTS.withMaxBodyBytes(1024));
    try (Socket big = rawSocket(s, 5000)) {
      OutputStream out = big.getOutputStream();
      long t0 = System.nanoTime();
      out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
          + (32 << 20) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[4096]); // the body starts; the server must not wait for the rest
      out.flush();
      String resp = new String(big.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(resp).startsWith("HTTP/1.1 413").contains("over the limit of 1024 bytes");
      assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3000); // closed, not timed out
    }
  }

  /**
   * Requests sent ahead (HTTP/1.1 pipelining) while a paced stream plays are answered after it,
   * in order, each whole: nothing is written into the middle of the stream, and the stream is
   * not cut by a clock while the next request waits.
   */
  @Test
  void requestsSentAheadAreAnsweredInOrderAfterTheStream() throws Exception {
    EventLoopServer s = start(Speed.parse("2"), EventLoopServer.Limits.DEFAULTS
        .withRequestTimeoutSeconds(1).withIdleSeconds(1));
    String body = chat("ssechat-offline-sky-blue", true);
    String stream = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
        + body.length() + "\r\n\r\n" + body;
    String models = "GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    byte[] rec = LIB.get("ssechat-offline-sky-blue").body();
    try (Socket sock = rawSocket(s, 10_000)) {
      OutputStream out = sock.getOutputStream();
      out.write((stream + models + stream).getBytes(StandardCharsets.UTF_8)); // one write
      out.flush();
      InputStream in = new java.io.BufferedInputStream(sock.getInputStream());
      assertThat(RawResponse.read(in).body()).isEqualTo(rec);
      RawResponse second = RawResponse.read(in);
      assertThat(second.head()).startsWith("HTTP/1.1 200");
      assertThat(new String(second.body(), StandardCharsets.UTF_8))
          .contains("ssechat-offline-sky-blue");
      assertThat(RawResponse.read(in).body()).isEqualTo(rec);
      // one more while idle: the connection was kept alive through all three
      out.write(models.getBytes(StandardCharsets.UTF_8));
      out.flush();
      assertThat(RawResponse.read(in).head()).startsWith("HTTP/1.1 200");
    }
    awaitStreamed(s, 2);
  }

  /**
   * After a drop or a stall the chunked body is broken off: nothing else may be answered on that
   * connection, not even a request the client had already sent ahead.
   */
  @Test
  void afterADropOrAStallNothingElseIsAnsweredOnTheConnection() throws Exception {
    String body = chat("ssechat-offline-sky-blue", true);
    String stream = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
        + body.length() + "\r\n\r\n" + body;
    for (String kind : new String[] {"drop", "stall"}) {
      EventLoopServer s = new EventLoopServer(LIB, "127.0.0.1", 0, Pacing.of(Speed.parse("4")),
          EventLoopServer.Limits.DEFAULTS, Faults.parse(kind + "=100%", 7), log::add);
      servers.add(s); // paced: the second request waits while the first plays
      java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
      boolean stayedOpen = false;
      try (Socket sock = rawSocket(s, 2500)) {
        sock.getOutputStream().write((stream + stream).getBytes(StandardCharsets.UTF_8));
        byte[] buf = new byte[8192];
        for (int n; (n = sock.getInputStream().read(buf)) > 0; ) {
          got.write(buf, 0, n);
        }
      } catch (java.net.SocketTimeoutException silent) {
        stayedOpen = true; // the stall: the connection stays open and says nothing more
      }
      String text = got.toString(StandardCharsets.UTF_8);
      assertThat(text).as(kind).startsWith("HTTP/1.1 200");
      assertThat(text.split("HTTP/1\\.1 ", -1)).as(kind + ": one answer only").hasSize(2);
      assertThat(stayedOpen).as(kind + ": open after it").isEqualTo(kind.equals("stall"));
    }
    // the request sent ahead was not tried on the broken connection (the HTTP encoder would
    // refuse its head and the connection would fail)
    assertThat(log).noneMatch(l -> l.contains("connection failed"));
  }

  /**
   * A request that arrives whole in the same read as the one before it (answered at once) gets
   * no clock while its stream plays: the stream outlasts the idle time and is not cut.
   */
  @Test
  void aStreamAskedForInTheSameReadAsAnAnswerIsNotCutByTheIdleClock() throws Exception {
    EventLoopServer s = start(Speed.parse("2"), EventLoopServer.Limits.DEFAULTS
        .withIdleSeconds(1)); // sky-blue plays ~2.9 s at speed 2
    String body = chat("ssechat-offline-sky-blue", true);
    try (Socket sock = rawSocket(s, 10_000)) {
      sock.getOutputStream().write(("GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
          + "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
          + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
      InputStream in = new java.io.BufferedInputStream(sock.getInputStream());
      assertThat(RawResponse.read(in).head()).startsWith("HTTP/1.1 200");
      assertThat(RawResponse.read(in).body()).isEqualTo(LIB.get("ssechat-offline-sky-blue")
          .body());
    }
  }

  /** A fault drawn for an empty recording has no part-way to come at: it plays, empty. */
  @Test
  void anEmptyRecordingPlaysWithoutItsFault(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path dir) throws Exception {
    java.nio.file.Files.write(dir.resolve("empty.sse"), new byte[0]);
    for (String kind : new String[] {"midstream-error", "drop", "stall"}) {
      EventLoopServer s = new EventLoopServer(RecordingLibrary.directory(dir), "127.0.0.1", 0,
          Pacing.of(Speed.MAX), EventLoopServer.Limits.DEFAULTS,
          Faults.parse(kind + "=100%", 7), log::add);
      servers.add(s);
      for (int i = 0; i < 2; i++) { // the connection is fit for the next request
        HttpResponse<byte[]> r = post(s, "/chat/completions", chat("empty", true), null);
        assertThat(r.statusCode()).as(kind).isEqualTo(200);
        assertThat(r.body()).as(kind).isEmpty();
      }
      awaitStreamed(s, 2);
    }
    assertThat(log).noneMatch(l -> l.contains("failed"));
  }

  /** A client that sends more requests ahead than the limit is cut, and nothing leaks. */
  @Test
  void tooManyRequestsSentAheadCloseTheConnection() throws Exception {
    EventLoopServer s = start(Speed.parse("1"), EventLoopServer.Limits.DEFAULTS);
    String body = chat("ssechat-offline-sky-blue", true);
    StringBuilder all = new StringBuilder("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1"
        + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
    for (int i = 0; i <= RequestRouter.MAX_PIPELINED; i++) {
      all.append("GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    }
    try (Socket sock = rawSocket(s, 5000)) {
      sock.getOutputStream().write(all.toString().getBytes(StandardCharsets.UTF_8));
      long t0 = System.nanoTime();
      sock.getInputStream().readAllBytes(); // to the close, long before the stream would end
      assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(2000);
    }
    assertThat(log).anyMatch(l -> l.contains("requests sent ahead"));
  }

  /** One HTTP/1.1 response read off a raw socket: its head, and its body de-chunked. */
  private record RawResponse(String head, byte[] body) {
    static RawResponse read(InputStream in) throws java.io.IOException {
      String head = line(in);
      int length = -1;
      boolean chunked = false;
      for (String h = line(in); !h.isEmpty(); h = line(in)) {
        String lower = h.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Integer.parseInt(h.substring(15).trim());
        }
        chunked |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
      }
      java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
      if (!chunked) {
        body.write(in.readNBytes(length));
        return new RawResponse(head, body.toByteArray());
      }
      for (int size; (size = Integer.parseInt(line(in), 16)) > 0; ) {
        body.write(in.readNBytes(size));
        assertThat(line(in)).isEmpty();
      }
      assertThat(line(in)).isEmpty(); // the end of the chunked body
      return new RawResponse(head, body.toByteArray());
    }

    private static String line(InputStream in) throws java.io.IOException {
      StringBuilder b = new StringBuilder();
      for (int c; (c = in.read()) != '\n'; ) {
        if (c < 0) {
          throw new EOFException("closed after " + b);
        }
        b.append((char) c);
      }
      return b.toString().strip();
    }
  }
}
