package org.ssechat.client.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.ssechat.chat.ChatDeltaListener;
import org.ssechat.client.Cancellation;
import org.ssechat.client.ChatBackend;
import org.ssechat.client.ChatException;
import org.ssechat.client.ChatRequest;
import org.ssechat.client.ChatResult;
import org.ssechat.client.ResponseStreamProcessor;
import org.ssechat.client.http.Exchange.Cancelled;
import org.ssechat.client.http.Exchange.Data;
import org.ssechat.client.http.Exchange.End;
import org.ssechat.client.http.Exchange.Failed;
import org.ssechat.client.http.Exchange.Head;
import org.ssechat.client.http.Exchange.Signal;
import org.ssechat.record.RecordedExchange;
import org.ssechat.record.RecordingWriter;

/**
 * A {@link ChatBackend} for any OpenAI-compatible {@code /v1/chat/completions} endpoint, on the
 * JDK {@link HttpClient} (HTTP/2 with fallback to HTTP/1.1, system proxy settings).
 *
 * <p>The response body arrives as the client's {@code ByteBuffer}s, which go unchanged into a
 * {@link ResponseStreamProcessor} on the calling thread (the network thread only queues them, one
 * read in flight at a time). Timeouts are deadlines on that queue: the calling thread never
 * blocks longer than the next deadline, and when one passes the exchange is cancelled, which
 * closes the connection. {@link Cancellation#cancel()} wakes the calling thread at once.
 *
 * <p>429 and 5xx answers are retried (honouring {@code Retry-After}, capped by
 * {@link EndpointConfig#maxRetryWait()}); a retry only ever happens before any output, since the
 * status arrives before the body. The API key never appears in results, exceptions or recordings.
 */
public final class OpenAiCompatibleBackend implements ChatBackend {
  /** Largest non-streamed JSON answer accepted on a 200. */
  private static final int MAX_JSON_BODY = 8 * 1024 * 1024;
  /** How long to wait for the end of the body after {@code [DONE]}. */
  private static final long AFTER_DONE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final EndpointConfig config;
  private final HttpClient client;

  /** A backend for {@code config}, with its own {@link HttpClient}. */
  public OpenAiCompatibleBackend(EndpointConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    HttpClient.Builder b = HttpClient.newBuilder()
        .connectTimeout(config.connectTimeout())
        .followRedirects(HttpClient.Redirect.NORMAL);
    ProxySelector proxy = ProxySelector.getDefault();
    if (proxy != null) {
      b.proxy(proxy);
    }
    this.client = b.build();
  }

  /** The configuration (its {@code toString} masks the key). */
  public EndpointConfig config() {
    return config;
  }

  @Override
  public String describe() {
    String base = config.apiBase().toString();
    return config.name() + " (" + base.substring(0, base.length() - 1) + ")";
  }

  @Override
  public ChatResult stream(ChatRequest request, ChatDeltaListener listener, Cancellation cancel) {
    return stream(request, listener, cancel, null);
  }

  /**
   * Like {@link #stream(ChatRequest, ChatDeltaListener, Cancellation)}, also recording the
   * response body to {@code recordTo} ({@code NAME.sse}) and its sidecar, if not null. A recording
   * failure becomes a warning; the answer is not affected.
   *
   * <p>Use one {@link Cancellation} per call: each call registers a hook on it.
   */
  public ChatResult stream(ChatRequest request, ChatDeltaListener listener, Cancellation cancel,
      Path recordTo) {
    Cancellation c = cancel == null ? new Cancellation() : cancel;
    Call call = new Call(request, listener, c, recordTo);
    c.onCancel(call::cancelled);
    return call.run();
  }

  @Override
  public List<String> models() {
    URI uri = config.modelsUri();
    HttpRequest.Builder rb = HttpRequest.newBuilder(uri).GET()
        .timeout(config.firstByteTimeout()).header("Accept", "application/json");
    headers(rb, new LinkedHashMap<>());
    HttpResponse<byte[]> resp;
    try {
      resp = client.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new ChatException(transportMessage(e, uri, "first-byte"), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ChatException("interrupted while listing models");
    }
    byte[] body = resp.body();
    if (resp.statusCode() / 100 != 2) {
      throw new ChatException(HttpErrors.describe(resp.statusCode(), uri, body,
          Math.min(body.length, HttpErrors.MAX_ERROR_BODY), config.apiKey()));
    }
    Map<String, String> json = JsonScan.scalars(body, 0, body.length);
    if (json == null) {
      throw new ChatException("the model list from " + uri + " is not JSON: "
          + HttpErrors.snippet(new String(body, 0, Math.min(body.length, 4096),
              StandardCharsets.UTF_8)));
    }
    List<String> ids = new ArrayList<>();
    json.forEach((k, v) -> {
      if (v != null && (k.matches("data\\.\\d+\\.id") || k.matches("\\d+\\.id")
          || k.matches("models\\.\\d+\\.(id|name)"))) {
        ids.add(v);
      }
    });
    return ids;
  }

  /** Sets auth and custom headers on {@code rb}, and mirrors them into {@code shown}. */
  private void headers(HttpRequest.Builder rb, Map<String, String> shown) {
    rb.header("User-Agent", "ssechat/0.1");
    shown.put("User-Agent", "ssechat/0.1");
    String auth = config.auth().headerValue(config.apiKey());
    if (auth != null) {
      rb.header(config.auth().headerName(), auth);
      shown.put(config.auth().headerName(), auth);
    }
    config.headers().forEach((k, v) -> {
      rb.header(k, v);
      shown.put(k, v);
    });
  }

  private static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + "s" : String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
  }

  /** The failure inside the client's {@code CompletionException}/{@code ExecutionException}. */
  private static Throwable unwrap(Throwable t) {
    Throwable e = t;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  private static String messageOf(Throwable e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private String transportMessage(Throwable t, URI uri, String phase) {
    Throwable e = unwrap(t);
    String where = uri.getScheme() + "://" + uri.getAuthority();
    String msg;
    if (e instanceof HttpConnectTimeoutException) {
      msg = "no response from " + where + " within " + seconds(config.connectTimeout())
          + " (connect timeout)";
    } else if (e instanceof HttpTimeoutException) {
      msg = "no response from " + where + " within " + seconds(config.firstByteTimeout())
          + " (" + phase + " timeout)";
    } else if (e instanceof ConnectException) {
      msg = "cannot connect to " + where + ": "
          + (e.getMessage() == null ? "connection refused" : e.getMessage());
    } else if (e instanceof UnresolvedAddressException
        || e.getCause() instanceof UnresolvedAddressException) {
      msg = "cannot resolve host " + uri.getHost();
    } else if (e instanceof SSLException) {
      msg = "TLS with " + where + " failed: " + e.getMessage();
    } else {
      msg = "request to " + where + " failed: " + messageOf(e);
    }
    return Secrets.redact(HttpErrors.oneLine(msg), config.apiKey());
  }

  /** Seconds to wait from a {@code Retry-After} value (seconds or HTTP date), or -1. */
  static long retryAfterMillis(String value, long nowMillis) {
    if (value == null || value.isBlank()) {
      return -1;
    }
    String v = value.trim();
    try {
      return Math.max(0, (long) (Double.parseDouble(v) * 1000));
    } catch (NumberFormatException notSeconds) {
      try {
        long at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()
            .toEpochMilli();
        return Math.max(0, at - nowMillis);
      } catch (RuntimeException notDate) {
        return -1;
      }
    }
  }

  private enum Mode { SSE, JSON, SNIFF, ERROR_BODY }

  /** What one attempt ended with: a result, or a wish to retry. */
  private record Attempt(ChatResult result, long retryInMillis, String retryReason) {}

  /** One {@link #stream} call, possibly several attempts. */
  private final class Call {
    private final ChatRequest request;
    private final ChatDeltaListener listener;
    private final Cancellation cancel;
    private final Path recordTo;
    private final CountDownLatch cancelledLatch = new CountDownLatch(1);
    private final URI uri = config.chatUri();
    private volatile Exchange current;

    Call(ChatRequest request, ChatDeltaListener listener, Cancellation cancel, Path recordTo) {
      this.request = request;
      this.listener = listener;
      this.cancel = cancel;
      this.recordTo = recordTo;
    }

    void cancelled() {
      cancelledLatch.countDown();
      Exchange e = current;
      if (e != null) {
        e.signals.add(new Cancelled());
        e.abort();
      }
    }

    ChatResult run() {
      byte[] body;
      try {
        body = RequestJson.chatRequest(request);
      } catch (IllegalArgumentException e) {
        return processor(System.nanoTime()).fail("bad request: " + e.getMessage());
      }
      List<String> retries = new ArrayList<>();
      for (int attempt = 0; ; attempt++) {
        Attempt a = attempt(body, attempt);
        if (a.result() != null) {
          return withWarnings(a.result(), retries);
        }
        retries.add("retried after " + a.retryReason());
        try {
          if (cancelledLatch.await(a.retryInMillis(), TimeUnit.MILLISECONDS)) {
            return processor(System.nanoTime()).cancelled();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return processor(System.nanoTime()).cancelled();
        }
      }
    }

    private ChatResult withWarnings(ChatResult r, List<String> extra) {
      if (extra.isEmpty()) {
        return r;
      }
      List<String> w = new ArrayList<>(extra);
      w.addAll(r.warnings());
      return new ChatResult(r.outcome(), r.model(), r.content(), r.reasoning(), r.toolCalls(),
          r.finishReason(), r.usage(), r.error(), w, r.metrics());
    }

    private ResponseStreamProcessor processor(long start) {
      return new ResponseStreamProcessor(request.model(), listener, config.limits(), start);
    }

    private Attempt done(ChatResult r) {
      return new Attempt(r, 0, null);
    }

    private Attempt attempt(byte[] body, int attemptNo) {
      Map<String, String> shown = new LinkedHashMap<>();
      HttpRequest.Builder rb = HttpRequest.newBuilder(uri)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body))
          .header("Content-Type", "application/json")
          .header("Accept", "text/event-stream");
      shown.put("Content-Type", "application/json");
      shown.put("Accept", "text/event-stream");
      long start = System.nanoTime();
      Instant startedAt = Instant.now();
      ResponseStreamProcessor p = processor(start);
      HttpRequest httpRequest;
      try {
        headers(rb, shown);
        httpRequest = rb.build();
      } catch (IllegalArgumentException e) {
        return done(p.fail("bad request header: " + Secrets.redact(e.getMessage(),
            config.apiKey())));
      }
      if (cancel.isCancelled()) {
        return done(p.cancelled());
      }
      Exchange ex = new Exchange();
      current = ex;
      CompletableFuture<HttpResponse<Void>> f;
      try {
        f = client.sendAsync(httpRequest, ex.handler());
      } catch (RuntimeException e) {
        return done(p.fail(Secrets.redact(HttpErrors.oneLine("cannot send to " + uri + ": "
            + messageOf(e)), config.apiKey())));
      }
      ex.future = f;
      f.whenComplete((r, t) -> {
        if (t != null) {
          ex.signals.add(new Failed(t));
        }
      });
      if (cancel.isCancelled()) {
        ex.abort();
        return done(p.cancelled());
      }
      Receiver rx = new Receiver(ex, p, start, startedAt, shown, attemptNo);
      try {
        return rx.receive();
      } catch (RuntimeException e) {
        // a bug, or a listener failing outside the parser: still a one-line result
        return done(p.fail("stream failed: " + Secrets.redact(HttpErrors.oneLine(messageOf(e)),
            config.apiKey()) + " — partial answer kept"));
      } finally {
        rx.closeRecording();
        ex.abort();
      }
    }

    /** The receive loop of one attempt, on the calling thread. */
    private final class Receiver {
      final Exchange ex;
      final ResponseStreamProcessor p;
      final long start;
      final Instant startedAt;
      final Map<String, String> shownHeaders;
      final int attemptNo;
      Mode mode;
      Head head;
      long lastRead;
      boolean bodyStarted;
      final ByteArrayOutputStream held = new ByteArrayOutputStream();
      final List<ByteBuffer> sniffed = new ArrayList<>();
      RecordingWriter recording;
      String recordingProblem;

      Receiver(Exchange ex, ResponseStreamProcessor p, long start, Instant startedAt,
          Map<String, String> shownHeaders, int attemptNo) {
        this.ex = ex;
        this.p = p;
        this.start = start;
        this.startedAt = startedAt;
        this.shownHeaders = shownHeaders;
        this.attemptNo = attemptNo;
      }

      Attempt receive() {
        while (true) {
          long now = System.nanoTime();
          long deadline = deadline();
          Signal s;
          try {
            s = ex.signals.poll(Math.max(0, deadline - now), TimeUnit.NANOSECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return done(p.cancelled());
          }
          if (s == null) {
            if (System.nanoTime() - deadline >= 0) {
              return done(timedOut());
            }
            continue;
          }
          if (s instanceof Cancelled || cancel.isCancelled()) {
            return done(p.cancelled());
          } else if (s instanceof Head h) {
            if (head == null) {
              Attempt a = onHead(h);
              if (a != null) {
                return a;
              }
            }
          } else if (s instanceof Data d) {
            Attempt a = onData(d);
            if (a != null) {
              return a;
            }
            ex.more();
          } else if (s instanceof End) {
            return onEnd(null);
          } else if (s instanceof Failed fl) {
            return onEnd(fl.error());
          }
        }
      }

      private long deadline() {
        long d;
        if (!bodyStarted) {
          d = start + config.firstByteTimeout().toNanos();
        } else {
          long idle = config.idleTimeout().toNanos();
          if (p.doneSeen()) {
            idle = Math.min(idle, AFTER_DONE_GRACE_NANOS);
          }
          d = lastRead + idle;
        }
        if (config.totalTimeout() != null) {
          d = Math.min(d, start + config.totalTimeout().toNanos());
        }
        return d;
      }

      private ChatResult timedOut() {
        long now = System.nanoTime();
        ex.abort();
        String where = uri.getScheme() + "://" + uri.getAuthority();
        if (config.totalTimeout() != null
            && now - (start + config.totalTimeout().toNanos()) >= 0) {
          return p.fail("response took longer than " + seconds(config.totalTimeout())
              + " (total timeout)" + (p.outputStarted() ? " — partial answer kept" : ""));
        }
        if (!bodyStarted) {
          return p.fail("no response from " + where + " within "
              + seconds(config.firstByteTimeout()) + " (first-byte timeout)");
        }
        if (p.doneSeen()) {
          return p.finish();
        }
        return p.fail("no data for " + seconds(config.idleTimeout())
            + " (idle timeout) — partial answer kept");
      }

      private Attempt onHead(Head h) {
        head = h;
        int status = h.status();
        if (status / 100 == 2) {
          String ct = HttpErrors.lower(h.headers().firstValue("content-type").orElse(""));
          mode = ct.contains("event-stream") ? Mode.SSE : Mode.SNIFF;
          if (mode != Mode.SSE) {
            p.warn(ct.isEmpty() ? "the response had no Content-Type"
                : "the response Content-Type was " + ct + ", not text/event-stream");
          }
        } else {
          mode = Mode.ERROR_BODY;
        }
        openRecording();
        return null;
      }

      private Attempt onData(Data d) {
        if (!bodyStarted) {
          bodyStarted = true;
        }
        lastRead = d.nanos();
        for (ByteBuffer b : d.buffers()) {
          record(b, d.nanos());
          switch (mode) {
            case SSE -> p.feed(b);
            case SNIFF -> sniffed.add(b);
            default -> hold(b);
          }
        }
        if (mode == Mode.SNIFF) {
          sniff(false);
        }
        if (p.failed()) {
          ex.abort();
          return done(p.finish());
        }
        if (mode == Mode.ERROR_BODY && held.size() >= HttpErrors.MAX_ERROR_BODY) {
          ex.abort();
          return httpError();
        }
        if (mode == Mode.JSON && held.size() > MAX_JSON_BODY) {
          ex.abort();
          return done(p.fail("the JSON answer from " + uri.getHost() + " is larger than "
              + MAX_JSON_BODY + " bytes"));
        }
        return null;
      }

      private void hold(ByteBuffer b) {
        int room = (mode == Mode.ERROR_BODY ? HttpErrors.MAX_ERROR_BODY : MAX_JSON_BODY + 1)
            - held.size();
        int n = Math.min(room, b.remaining());
        if (b.hasArray()) {
          held.write(b.array(), b.arrayOffset() + b.position(), n);
        } else {
          byte[] tmp = new byte[n];
          b.duplicate().get(tmp);
          held.write(tmp, 0, n);
        }
      }

      /** Decides SSE or JSON or text from the first non-blank bytes of an unlabelled body. */
      private void sniff(boolean atEnd) {
        byte[] prefix = new byte[16];
        int n = 0;
        for (ByteBuffer b : sniffed) {
          for (int i = b.position(); i < b.limit() && n < prefix.length; i++) {
            byte c = b.get(i);
            if (n == 0 && (c == ' ' || c == '\t' || c == '\r' || c == '\n')) {
              continue;
            }
            prefix[n++] = c;
          }
        }
        if (n < 7 && !atEnd) {
          return;
        }
        String start = new String(prefix, 0, n, StandardCharsets.ISO_8859_1);
        if (start.startsWith("\u00ef\u00bb\u00bf")) {
          start = start.substring(3);
        }
        if (start.startsWith("data:") || start.startsWith(":") || start.startsWith("event:")
            || start.startsWith("id:") || start.startsWith("retry:")) {
          mode = Mode.SSE;
          p.warn("treated the body as an event stream because it looks like one");
          for (ByteBuffer b : sniffed) {
            p.feed(b);
          }
        } else {
          mode = start.startsWith("{") || start.startsWith("[") ? Mode.JSON : Mode.ERROR_BODY;
          for (ByteBuffer b : sniffed) {
            hold(b);
          }
        }
        sniffed.clear();
      }

      private Attempt onEnd(Throwable failure) {
        if (head == null) {
          return done(p.fail(transportMessage(failure == null
              ? new IOException("connection closed before a response") : failure, uri,
              "first-byte")));
        }
        if (mode == Mode.SNIFF) {
          sniff(true);
        }
        if (mode == Mode.ERROR_BODY) {
          return httpError();
        }
        if (mode == Mode.JSON) {
          return done(JsonAnswer.deliver(p, held.toByteArray(), head.status(), uri,
              config.apiKey()));
        }
        if (failure == null) {
          return done(p.finish());
        }
        return done(p.fail("connection lost after " + (p.outputStarted() ? "output began" :
            "the response started") + ": " + Secrets.redact(HttpErrors.oneLine(messageOf(
            unwrap(failure))), config.apiKey()) + " — partial answer kept"));
      }

      private Attempt httpError() {
        int status = head.status();
        byte[] b = held.toByteArray();
        if (status / 100 == 2) {
          String ct = head.headers().firstValue("content-type").orElse("no Content-Type");
          return done(p.fail("expected an event stream from " + uri.getHost() + " but got "
              + ct + ": " + Secrets.redact(HttpErrors.snippet(new String(b,
                  StandardCharsets.UTF_8)), config.apiKey())));
        }
        String msg = HttpErrors.describe(status, uri, b, b.length, config.apiKey());
        if (attemptNo < config.maxRetries() && (status == 429 || status / 100 == 5)) {
          long wait = retryAfterMillis(head.headers().firstValue("retry-after").orElse(null),
              System.currentTimeMillis());
          long cap = config.maxRetryWait().toMillis();
          if (wait <= cap) {
            long backoff = wait >= 0 ? wait : Math.min(cap, 500L << Math.min(6, attemptNo));
            return new Attempt(null, backoff, "HTTP " + status + " (waited " + backoff + " ms)");
          }
          msg += " (server asks to retry after " + (wait / 1000) + "s)";
        }
        return done(p.fail(msg));
      }

      private void openRecording() {
        if (recordTo == null) {
          return;
        }
        try {
          recording = RecordingWriter.open(recordTo, startedAt, start);
        } catch (IOException e) {
          recordingProblem = "could not record to " + recordTo + ": " + e.getMessage();
          p.warn(recordingProblem);
        }
      }

      private void record(ByteBuffer b, long nanos) {
        if (recording == null) {
          return;
        }
        try {
          recording.write(b, nanos);
        } catch (IOException e) {
          p.warn("recording stopped: " + e.getMessage());
          closeQuietly();
        }
      }

      void closeRecording() {
        if (recording == null) {
          return;
        }
        Map<String, List<String>> rh = head == null ? Map.of() : head.headers().map();
        try {
          recording.finish(new RecordedExchange("POST", uri.toString(), request.model(),
              shownHeaders, head == null ? 0 : head.status(), rh), config.apiKey());
        } catch (IOException e) {
          closeQuietly();
        }
        recording = null;
      }

      private void closeQuietly() {
        try {
          recording.close();
        } catch (IOException ignored) {
          // nothing more to do
        }
        recording = null;
      }
    }
  }
}
