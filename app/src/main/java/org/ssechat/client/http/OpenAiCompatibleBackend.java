package org.ssechat.client.http;

import java.io.InputStream;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ssechat.chat.ChatDeltaListener;
import org.ssechat.chat.ChatStreamDecoder.Dialect;
import org.ssechat.client.Cancellation;
import org.ssechat.client.ChatBackend;
import org.ssechat.client.ChatRequest;
import org.ssechat.client.ChatResult;
import org.ssechat.client.ResponseOptions;
import org.ssechat.client.ResponseStreamProcessor;
import org.ssechat.client.http.Exchange.Failed;
import org.ssechat.client.http.ResponseReceiver.Attempt;
import org.ssechat.failure.ChatException;
import org.ssechat.failure.Failures;
import org.ssechat.failure.Secrets;

/**
 * A {@link ChatBackend} for any OpenAI-compatible {@code /v1/chat/completions} endpoint, on the
 * JDK {@link HttpClient} (HTTP/2 with fallback to HTTP/1.1, system proxy settings).
 *
 * <p>The response body arrives as the client's {@code ByteBuffer}s, which go unchanged into the
 * {@link ResponseStreamProcessor} on the calling thread ({@link ResponseReceiver}; the network
 * thread only queues them, one read in flight at a time). Timeouts are deadlines on that queue:
 * the calling thread never blocks longer than the next deadline, and when one passes the exchange
 * is cancelled, which closes the connection. {@link Cancellation#cancel()} wakes the calling
 * thread at once.
 *
 * <p>429 and 5xx answers are retried as {@link RetryPolicy} says. Redirects are never followed
 * (they would carry the key and the conversation elsewhere): a 3xx is a one-line error naming
 * where it points. The API key never appears in results, exceptions or recordings.
 */
public final class OpenAiCompatibleBackend implements ChatBackend {
  static final String USER_AGENT = "ssechat/0.1";
  /** Anthropic's API version header, sent with every Messages request unless configured. */
  static final String ANTHROPIC_VERSION = "anthropic-version";
  static final String ANTHROPIC_API_VERSION = "2023-06-01";

  private final EndpointConfig config;
  private final HttpClient client;
  private final RetryPolicy retries;
  private final ResponseOptions responses;

  /** A backend for {@code config} with default response options, its own {@link HttpClient}. */
  public OpenAiCompatibleBackend(EndpointConfig config) {
    this(config, ResponseOptions.DEFAULTS);
  }

  /**
   * A backend for {@code config}, with its own {@link HttpClient}.
   *
   * @param responses how answers are decoded and capped (the config's SSE limits and key are
   *                  applied on top)
   */
  public OpenAiCompatibleBackend(EndpointConfig config, ResponseOptions responses) {
    this.config = Objects.requireNonNull(config, "config");
    this.responses = responses.withLimits(config.limits()).withSecret(config.apiKey());
    this.retries = new RetryPolicy(config.maxRetries(), config.maxRetryWait());
    HttpClient.Builder b = HttpClient.newBuilder()
        .connectTimeout(config.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER); // see HttpErrors.redirect
    ProxySelector proxy = ProxySelector.getDefault();
    if (proxy != null) {
      b.proxy(proxy);
    }
    this.client = b.build();
  }

  @Override
  public String describe() {
    String base = config.apiBase().toString();
    return config.name() + " (" + Secrets.withoutCredentials(base.substring(0,
        base.length() - 1)) + ")";
  }

  /** A processor with this endpoint's limits, redacting its key. */
  @Override
  public ResponseStreamProcessor newResponse(ChatRequest request, ChatDeltaListener listener) {
    return new ResponseStreamProcessor(request.model(), listener, responses, System.nanoTime());
  }

  /** Use one {@link Cancellation} per call: each call registers a hook on it. */
  @Override
  public ChatResult stream(ChatRequest request, ResponseStreamProcessor response,
      Cancellation cancel) {
    Cancellation c = cancel == null ? new Cancellation() : cancel;
    Call call = new Call(request, response, c);
    c.onCancel(call::cancelled);
    return call.run();
  }

  /**
   * {@code GET /v1/models}: at most {@value ModelList#MAX_BODY} bytes, all within the first-byte
   * timeout (headers and body together: a server that trickles an endless body is cut off).
   */
  @Override
  public List<String> models() {
    URI uri = config.modelsUri();
    HttpRequest.Builder rb = HttpRequest.newBuilder(uri).GET()
        .timeout(config.firstByteTimeout()).header("Accept", "application/json");
    headers(rb, new LinkedHashMap<>());
    long deadline = System.nanoTime() + config.firstByteTimeout().toNanos();
    CompletableFuture<HttpResponse<InputStream>> f =
        client.sendAsync(rb.build(), HttpResponse.BodyHandlers.ofInputStream());
    HttpResponse<InputStream> resp;
    try {
      resp = f.get(config.firstByteTimeout().toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      f.cancel(true);
      throw new ChatException(TransportErrors.noResponse(uri, config.firstByteTimeout(),
          "first-byte"));
    } catch (ExecutionException e) {
      throw new ChatException(TransportErrors.describe(e, uri, config, "first-byte"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      f.cancel(true);
      throw new ChatException("interrupted while listing models");
    }
    byte[] body = ModelList.readBody(resp.body(), deadline, uri, config.firstByteTimeout());
    return ModelList.read(resp.statusCode(), resp.headers().firstValue("location").orElse(null),
        body, uri, config.apiKey());
  }

  /** Sets auth and custom headers on {@code rb}, and mirrors them into {@code sent}. */
  private void headers(HttpRequest.Builder rb, Map<String, String> sent) {
    rb.header("User-Agent", USER_AGENT);
    sent.put("User-Agent", USER_AGENT);
    String auth = config.auth().headerValue(config.apiKey());
    if (auth != null) {
      rb.header(config.auth().headerName(), auth);
      sent.put(config.auth().headerName(), auth);
    }
    if (responses.dialect() == Dialect.MESSAGES
        && config.headers().keySet().stream().noneMatch(ANTHROPIC_VERSION::equalsIgnoreCase)) {
      rb.header(ANTHROPIC_VERSION, ANTHROPIC_API_VERSION);
      sent.put(ANTHROPIC_VERSION, ANTHROPIC_API_VERSION);
    }
    config.headers().forEach((k, v) -> {
      rb.header(k, v);
      sent.put(k, v);
    });
  }

  /** One {@link #stream} call: attempts until one gives a result. */
  private final class Call {
    private ChatRequest request;
    private final ResponseStreamProcessor response;
    private final Cancellation cancel;
    private final CountDownLatch cancelledLatch = new CountDownLatch(1);
    private final URI uri = config.uriFor(responses.dialect());
    private volatile Exchange current;

    Call(ChatRequest request, ResponseStreamProcessor response, Cancellation cancel) {
      this.request = request;
      this.response = response;
      this.cancel = cancel;
    }

    void cancelled() {
      cancelledLatch.countDown();
      Exchange e = current;
      if (e != null) {
        e.signals.add(new Exchange.Cancelled());
        e.abort();
      }
    }

    ChatResult run() {
      byte[] body;
      try {
        body = RequestJson.body(request, responses.dialect());
      } catch (IllegalArgumentException e) {
        return response.fail("bad request: " + e.getMessage());
      }
      for (int attempt = 0; ; attempt++) {
        Attempt a = attempt(body, attempt);
        if (a.result() != null) {
          return a.result();
        }
        if (a.error() != null) {
          RefusedField refused = RefusedField.named(a.status(), a.error(), request,
              responses.dialect());
          if (refused == null) {
            return response.fail(a.error());
          }
          request = refused.without(request);
          body = RequestJson.body(request, responses.dialect());
          response.warn(refused.warning(a.status()));
          continue;
        }
        response.warn("retried after " + a.retryReason());
        try {
          if (cancelledLatch.await(a.retryMillis(), TimeUnit.MILLISECONDS)) {
            return response.cancelled();
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return response.cancelled();
        }
      }
    }

    private Attempt attempt(byte[] body, int attemptNo) {
      Map<String, String> sent = new LinkedHashMap<>();
      HttpRequest.Builder rb = HttpRequest.newBuilder(uri)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body))
          .header("Content-Type", "application/json")
          .header("Accept", "text/event-stream");
      sent.put("Content-Type", "application/json");
      sent.put("Accept", "text/event-stream");
      long start = System.nanoTime();
      HttpRequest httpRequest;
      try {
        headers(rb, sent);
        httpRequest = rb.build();
      } catch (IllegalArgumentException e) {
        return Attempt.done(response.fail("bad request header: "
            + Failures.oneLine(e.getMessage(), config.apiKey())));
      }
      if (cancel.isCancelled()) {
        return Attempt.done(response.cancelled());
      }
      Exchange ex = new Exchange();
      current = ex;
      CompletableFuture<HttpResponse<Void>> f;
      try {
        f = client.sendAsync(httpRequest, ex.handler());
      } catch (RuntimeException e) {
        return Attempt.done(response.fail(Failures.oneLine("cannot send to " + uri + ": "
            + Failures.messageOf(e), config.apiKey())));
      }
      ex.future = f;
      f.whenComplete((r, t) -> {
        if (t != null) {
          ex.signals.add(new Failed(t));
        }
      });
      if (cancel.isCancelled()) {
        ex.abort();
        return Attempt.done(response.cancelled());
      }
      try {
        return new ResponseReceiver(ex, response, config, retries, uri, request, sent,
            cancel, start, attemptNo).receive();
      } catch (RuntimeException e) {
        // a bug, or a listener failing outside the parser: still a one-line result
        return Attempt.done(response.fail("stream failed: "
            + Failures.oneLine(Failures.messageOf(e), config.apiKey())));
      } finally {
        ex.abort();
      }
    }
  }
}
