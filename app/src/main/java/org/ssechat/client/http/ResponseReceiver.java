package org.ssechat.client.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ssechat.client.Cancellation;
import org.ssechat.client.ChatRequest;
import org.ssechat.client.ChatResult;
import org.ssechat.client.Demand;
import org.ssechat.client.ResponseStreamProcessor;
import org.ssechat.client.http.Exchange.Cancelled;
import org.ssechat.client.http.Exchange.Data;
import org.ssechat.client.http.Exchange.End;
import org.ssechat.client.http.Exchange.Failed;
import org.ssechat.client.http.Exchange.Head;
import org.ssechat.client.http.Exchange.Signal;
import org.ssechat.failure.Failures;
import org.ssechat.failure.Secrets;
import org.ssechat.record.RecordedExchange;

/**
 * The receive loop of one HTTP attempt, on the calling thread: takes the {@link Exchange}'s
 * signals with the next timeout as deadline, and routes the body by what it is. An event stream
 * goes read by read into the {@link ResponseStreamProcessor}; an error body, a JSON answer and a
 * body still being sniffed are held (and tapped, so a recording has them). The processor's
 * {@link Demand} says when to stop reading or stop waiting.
 */
final class ResponseReceiver {
  /** Largest non-streamed JSON answer accepted on a 200. */
  static final int MAX_JSON_BODY = 8 * 1024 * 1024;
  /** How long to wait for the end of the body after {@code [DONE]}. */
  static final long AFTER_DONE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

  /** How the body is being handled. */
  private enum Mode { EVENT_STREAM, JSON, SNIFF, ERROR_BODY }

  /**
   * What one attempt ended with: a result, a wish to retry, or a client error for the caller
   * to judge ({@link RefusedField}) before it becomes the result.
   *
   * @param result      the result, or null
   * @param retryMillis how long to wait before retrying
   * @param retryReason for the warning, e.g. {@code HTTP 429 (waited 500 ms)}
   * @param status      the HTTP status of a client error (400, 422), else 0
   * @param error       the one-line message of that client error, else null
   */
  record Attempt(ChatResult result, long retryMillis, String retryReason, int status,
      String error) {
    static Attempt done(ChatResult r) {
      return new Attempt(r, 0, null, 0, null);
    }

    static Attempt clientError(int status, String message) {
      return new Attempt(null, 0, null, status, message);
    }

    static Attempt retry(long millis, String reason) {
      return new Attempt(null, millis, reason, 0, null);
    }
  }

  private final Exchange ex;
  private final ResponseStreamProcessor p;
  private final EndpointConfig config;
  private final RetryPolicy retries;
  private final URI uri;
  private final ChatRequest request;
  private final Map<String, String> sentHeaders;
  private final Cancellation cancel;
  private final long start;
  private final int attemptNo;
  private Mode mode;
  private Head head;
  private long lastRead;
  private boolean bodyStarted;
  private Demand demand = Demand.MORE;
  private final ByteArrayOutputStream held = new ByteArrayOutputStream();
  private final List<ByteBuffer> sniffed = new ArrayList<>();

  /**
   * @param request     the request sent (its model and last user message go into the recording's
   *                    metadata)
   * @param sentHeaders the request headers as sent (for the recording's metadata; redacted there)
   * @param start       {@link System#nanoTime()} when this attempt was sent
   */
  ResponseReceiver(Exchange ex, ResponseStreamProcessor p, EndpointConfig config,
      RetryPolicy retries, URI uri, ChatRequest request, Map<String, String> sentHeaders,
      Cancellation cancel, long start, int attemptNo) {
    this.ex = ex;
    this.p = p;
    this.config = config;
    this.retries = retries;
    this.uri = uri;
    this.request = request;
    this.sentHeaders = sentHeaders;
    this.cancel = cancel;
    this.start = start;
    this.attemptNo = attemptNo;
  }

  Attempt receive() {
    while (true) {
      long deadline = deadline();
      Signal s;
      try {
        s = ex.signals.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Attempt.done(p.cancelled());
      }
      if (s == null) {
        if (System.nanoTime() - deadline >= 0) {
          return Attempt.done(timedOut());
        }
        continue;
      }
      Attempt a = null;
      if (s instanceof Cancelled || cancel.isCancelled()) {
        return Attempt.done(p.cancelled());
      } else if (s instanceof Head h) {
        if (head == null) {
          onHead(h);
        }
      } else if (s instanceof Data d) {
        a = onData(d);
        if (a == null) {
          ex.more();
        }
      } else if (s instanceof End) {
        a = onEnd(null);
      } else if (s instanceof Failed fl) {
        a = onEnd(fl.error());
      }
      if (a != null) {
        return a;
      }
    }
  }

  private long deadline() {
    long d;
    if (!bodyStarted) {
      d = start + config.firstByteTimeout().toNanos();
    } else {
      long idle = config.idleTimeout().toNanos();
      if (demand == Demand.LINGER) {
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
    if (config.totalTimeout() != null && now - (start + config.totalTimeout().toNanos()) >= 0) {
      return p.fail("response took longer than " + TransportErrors.seconds(config.totalTimeout())
          + " (total timeout)");
    }
    if (!bodyStarted) {
      return p.fail(TransportErrors.noResponse(uri, config.firstByteTimeout(), "first-byte"));
    }
    if (demand == Demand.LINGER) {
      return p.finish();
    }
    return p.fail("no data for " + TransportErrors.seconds(config.idleTimeout())
        + " (idle timeout)");
  }

  private void onHead(Head h) {
    head = h;
    int status = h.status();
    if (status / 100 == 2) {
      String ct = h.headers().firstValue("content-type").orElse("").toLowerCase(Locale.ROOT);
      mode = ct.contains("event-stream") ? Mode.EVENT_STREAM : Mode.SNIFF;
      if (mode != Mode.EVENT_STREAM) {
        p.warn(ct.isEmpty() ? "the response had no Content-Type"
            : "the response Content-Type was " + ct + ", not text/event-stream");
      }
    } else {
      mode = Mode.ERROR_BODY;
    }
    p.begin(new RecordedExchange("POST", Secrets.withoutCredentials(uri.toString()),
        request.model(), sentHeaders, status, h.headers().map(), request.lastUserMessage()));
  }

  private Attempt onData(Data d) {
    bodyStarted = true;
    lastRead = d.nanos();
    for (ByteBuffer b : d.buffers()) {
      p.received(b, d.nanos());
      switch (mode) {
        case EVENT_STREAM -> demand = p.decode(b);
        case SNIFF -> sniffed.add(b);
        default -> hold(b);
      }
    }
    if (mode == Mode.SNIFF) {
      sniff(false);
    }
    if (demand == Demand.STOP) {
      ex.abort();
      return Attempt.done(p.finish());
    }
    if (mode == Mode.ERROR_BODY && held.size() >= HttpErrors.MAX_ERROR_BODY) {
      ex.abort();
      return httpError();
    }
    if (mode == Mode.JSON && held.size() > MAX_JSON_BODY) {
      ex.abort();
      return Attempt.done(p.fail("the JSON answer from " + uri.getHost() + " is larger than "
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

  private void sniff(boolean atEnd) {
    BodySniffer.Kind kind = BodySniffer.classify(sniffed, atEnd);
    switch (kind) {
      case UNDECIDED -> {
        return;
      }
      case EVENT_STREAM -> {
        mode = Mode.EVENT_STREAM;
        p.warn("treated the body as an event stream because it looks like one");
        for (ByteBuffer b : sniffed) {
          demand = p.decode(b);
        }
      }
      default -> {
        mode = kind == BodySniffer.Kind.JSON ? Mode.JSON : Mode.ERROR_BODY;
        for (ByteBuffer b : sniffed) {
          hold(b);
        }
      }
    }
    sniffed.clear();
  }

  private Attempt onEnd(Throwable failure) {
    if (head == null) {
      return Attempt.done(p.fail(TransportErrors.describe(failure == null
          ? new IOException("connection closed before a response") : failure, uri, config,
          "first-byte")));
    }
    if (mode == Mode.SNIFF) {
      sniff(true);
    }
    if (mode == Mode.ERROR_BODY) {
      return httpError();
    }
    if (mode == Mode.JSON) {
      return Attempt.done(JsonAnswer.deliver(p, held.toByteArray(), head.status(), uri,
          config.apiKey()));
    }
    if (failure == null) {
      return Attempt.done(p.finish());
    }
    return Attempt.done(p.fail("connection lost " + (bodyStarted ? "mid-response" :
        "after the response started") + ": " + Failures.oneLine(Failures.messageOf(
        TransportErrors.unwrap(failure)), config.apiKey())));
  }

  private Attempt httpError() {
    int status = head.status();
    byte[] b = held.toByteArray();
    if (status / 100 == 2) {
      String ct = head.headers().firstValue("content-type").orElse("no Content-Type");
      return Attempt.done(p.fail("expected an event stream from " + uri.getHost() + " but got "
          + ct + ": " + HttpErrors.snippet(new String(b, StandardCharsets.UTF_8),
              config.apiKey())));
    }
    if (status / 100 == 3) {
      return Attempt.done(p.fail(HttpErrors.redirect(status, uri,
          head.headers().firstValue("location").orElse(null), config.apiKey())));
    }
    String msg = HttpErrors.describe(status, uri, b, b.length, config.apiKey());
    if (status == 400 || status == 422) {
      return Attempt.clientError(status, msg); // a refused field, or the answer
    }
    RetryPolicy.Decision retry = retries.decide(status,
        head.headers().firstValue("retry-after").orElse(null), attemptNo,
        System.currentTimeMillis());
    if (retry.retry()) {
      return Attempt.retry(retry.waitMillis(),
          "HTTP " + status + " (waited " + retry.waitMillis() + " ms)");
    }
    if (retry.note() != null) {
      msg += " (" + retry.note() + ")";
    }
    return Attempt.done(p.fail(msg));
  }
}
