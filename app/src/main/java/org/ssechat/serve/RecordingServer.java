package org.ssechat.serve;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.ssechat.chat.ChatStreamDecoder.Dialect;
import org.ssechat.failure.Failures;
import org.ssechat.record.Recording;
import org.ssechat.replay.NoMatchAnswer;
import org.ssechat.replay.Pacing;
import org.ssechat.replay.PacingClock;
import org.ssechat.replay.Player;
import org.ssechat.replay.RecordingLibrary;
import tools.jackson.databind.JsonNode;

/**
 * A local OpenAI-compatible server that answers from recordings ({@code ssechat serve}).
 *
 * <ul>
 *   <li>{@code POST /v1/chat/completions}: picks a recording with
 *       {@link RecordingLibrary#match} (model name, else the recording whose prompt matches the
 *       last user message) and says which rule matched in {@code X-Ssechat-Match}
 *       ({@code model}, {@code exact}, {@code near} or {@code none}). A prompt nothing matches
 *       gets the {@link NoMatchAnswer} (200, {@code X-Ssechat-Match: none}): never an
 *       unrelated recording. With
 *       {@code "stream": true} it sends the recorded body byte for byte as
 *       {@code text/event-stream} (chunked), with the recorded read boundaries and pacing at the
 *       configured speed; otherwise it answers one {@code chat.completion} object aggregated from
 *       the decoded recording.</li>
 *   <li>{@code POST /v1/messages}, {@code POST /v1/responses} ({@code "stream": true}): chosen
 *       the same way.</li>
 *   <li>A recording in another dialect than the client's (an Anthropic Messages recording asked
 *       for on {@code /v1/chat/completions}, a chat recording on {@code /v1/responses}, …) is
 *       translated on the fly ({@link TranslatedStream}), pacing kept.</li>
 *   <li>{@code GET /v1/models}: the recordings, as an OpenAI model list.</li>
 *   <li>Anything else: 404 (405 for a wrong method) with an OpenAI-style error object; a body
 *       that is not a JSON object: 400. {@code Authorization} is accepted and ignored.</li>
 * </ul>
 *
 * <p>Each request runs on a pool thread, so many clients stream at once. A client that goes away
 * mid-stream only ends its own replay ({@link #disconnects()} counts them).
 */
public final class RecordingServer implements ServeEngine {

  private static final int MAX_BODY_BYTES = EventLoopServer.Limits.DEFAULTS.maxBodyBytes();
  private static final int MAX_THREADS = 256;

  private final RecordingLibrary library;
  private final Pacing pacing;
  private final Player player;
  private final Consumer<String> log;
  private final HttpServer http;
  private final ExecutorService pool;
  private final EngineState state = new EngineState();

  /**
   * Binds and starts serving at once.
   *
   * @param log receives one line per request (never a header value); use {@code s -> {}} for none
   * @throws IOException if the address cannot be bound (e.g. the port is in use)
   */
  public RecordingServer(RecordingLibrary library, String host, int port, Pacing pacing,
      PacingClock clock, Consumer<String> log) throws IOException {
    this.library = library;
    this.pacing = pacing;
    this.player = new Player(clock);
    this.log = log;
    try {
      this.http = HttpServer.create(new InetSocketAddress(host, port), 128);
    } catch (BindException e) {
      throw new BindException("cannot listen on " + host + ":" + port + ": " + e.getMessage());
    }
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor tpe = new ThreadPoolExecutor(MAX_THREADS, MAX_THREADS, 30,
        TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "ssechat-serve-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    tpe.allowCoreThreadTimeOut(true);
    this.pool = tpe;
    http.setExecutor(pool);
    http.createContext("/", this::handle);
    http.start();
  }

  /** The bound port (the real one when 0 was asked for). */
  public int port() {
    return http.getAddress().getPort();
  }

  /** {@code http://HOST:PORT/v1}, the base URL to give an OpenAI client. */
  public URI baseUrl() {
    return ServeJson.baseUrl(http.getAddress());
  }

  /** Streamed replays that reached the end of their recording. */
  public long streamed() {
    return state.streamed.get();
  }

  /** Streamed replays cut short because the client went away. */
  public long disconnects() {
    return state.disconnects.get();
  }

  /** Blocks until {@link #close()} is called. */
  public void awaitStop() {
    state.awaitStop();
  }

  /** Stops accepting, ends running replays and releases the port. */
  @Override
  public void close() {
    if (!state.stopOnce()) {
      return;
    }
    http.stop(0);
    pool.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    String method = ex.getRequestMethod();
    try {
      ServeRequest.Route route = ServeRequest.route(method, path);
      if (route.models()) {
        json(ex, 200, ServeJson.models(library));
        log.accept("GET /v1/models -> " + library.names().size() + " models");
        return;
      }
      ServeRequest.Ask ask;
      try (InputStream in = ex.getRequestBody()) {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
          throw ServeRequest.Refused.tooLarge(MAX_BODY_BYTES);
        }
        ask = ServeRequest.read(new java.io.ByteArrayInputStream(body), route.dialect());
      }
      ServeAnswer a = ServeAnswer.select(library, ask.model(), ask.prompt());
      ex.getResponseHeaders().set("X-Ssechat-Match", a.match().kind().label());
      if (ask.stream()) {
        stream(ex, a, route.dialect(), ask.model());
      } else {
        aggregated(ex, a, ask.model(), a.what(path, ask.model()));
      }
    } catch (ServeRequest.Refused r) {
      log.accept(method + " " + path + " refused: " + r.getMessage());
      error(ex, r.status(), r.getMessage(), r.type());
    } catch (IOException e) {
      log.accept(method + " " + path + " failed: " + Failures.oneLine(e));
    } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
      // One line, never a stack trace: a request that exhausts the heap (a huge body read into a
      // tree) fails alone, and its memory is released when it unwinds.
      log.accept(method + " " + path + " failed: " + Failures.oneLine(e));
      try {
        error(ex, 500, "internal error: " + Failures.oneLine(e), "server_error");
      } catch (IOException | RuntimeException ignored) {
        // headers may already be out; the connection is closed below
      }
    } finally {
      ex.close();
    }
  }

  /**
   * Streams the answer to a client of {@code dialect}: byte for byte if the recording is in that
   * dialect, else translated on the fly ({@link TranslatedStream}); pacing kept either way.
   */
  private void stream(HttpExchange ex, ServeAnswer a, Dialect dialect, String model)
      throws IOException {
    Recording rec = a.rec();
    Dialect from = a.dialect();
    String what = a.what(ex.getRequestURI().getPath(), model);
    try {
      if (from != dialect) {
        if (TranslatedStream.stream(ex, rec, from, dialect, model == null ? rec.name() : model,
            player, pacing, state.stopped)) {
          state.streamed.incrementAndGet();
          log.accept(what + " (translated from " + from.name().toLowerCase(java.util.Locale.ROOT)
              + ")");
        }
        return;
      }
      Headers h = ex.getResponseHeaders();
      h.set("Content-Type", "text/event-stream");
      h.set("Cache-Control", "no-cache");
      if (a.match().found()) {
        h.set("X-Ssechat-Recording", rec.name());
      }
      ex.sendResponseHeaders(200, 0); // 0 = chunked
      OutputStream out = ex.getResponseBody();
      boolean complete = player.play(rec.body(), pacing.plan(rec),
          (b, off, len) -> {
            out.write(b, off, len);
            out.flush();
          }, state.stopped);
      out.close();
      if (complete) {
        state.streamed.incrementAndGet();
        log.accept(what + " (streamed " + rec.body().length + " bytes)");
      }
    } catch (IOException e) {
      state.disconnects.incrementAndGet();
      log.accept(what + " (client went away mid-stream)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void aggregated(HttpExchange ex, ServeAnswer a, String model, String what)
      throws IOException {
    ServeAnswer.Completion c;
    try {
      c = a.completion(model);
    } catch (ServeRequest.Refused r) {
      error(ex, r.status(), r.getMessage(), r.type());
      log.accept(what + " (recorded error: " + r.getMessage() + ")");
      return;
    }
    json(ex, 200, c.json());
    log.accept(what + " (aggregated, " + c.outcome() + ")");
  }

  private static void json(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] bytes = ServeJson.bytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void error(HttpExchange ex, int status, String message, String type)
      throws IOException {
    json(ex, status, ServeJson.error(message, type));
  }
}
