package org.ssechat.client.http;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One HTTP exchange as a queue of signals: the JDK client's callbacks (network threads) put
 * {@link Signal}s, the calling thread takes them. One body read is in flight at a time: the
 * next is requested with {@link #more()} after the previous one was processed.
 */
final class Exchange implements Flow.Subscriber<List<ByteBuffer>> {
  final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
  private volatile Flow.Subscription subscription;
  private volatile boolean aborted;
  volatile CompletableFuture<?> future;

  HttpResponse.BodyHandler<Void> handler() {
    return info -> {
      signals.add(new Head(info.statusCode(), info.headers(), System.nanoTime()));
      return BodySubscribers.fromSubscriber(this);
    };
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (aborted) {
      s.cancel();
    } else {
      s.request(1);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> item) {
    signals.add(new Data(item, System.nanoTime()));
  }

  @Override
  public void onError(Throwable t) {
    signals.add(new Failed(t));
  }

  @Override
  public void onComplete() {
    signals.add(new End());
  }

  void more() {
    Flow.Subscription s = subscription;
    if (s != null && !aborted) {
      s.request(1);
    }
  }

  /** Stops the exchange and closes its connection. Idempotent, any thread. */
  void abort() {
    aborted = true;
    Flow.Subscription s = subscription;
    if (s != null) {
      s.cancel();
    }
    CompletableFuture<?> f = future;
    if (f != null) {
      f.cancel(true);
    }
  }

  /** What the network side reports, in order: {@code Head}, {@code Data}*, {@code End|Failed}. */
  sealed interface Signal permits Head, Data, End, Failed, Cancelled {}

  /** Status and headers arrived (interim 1xx responses never show up here). */
  record Head(int status, HttpHeaders headers, long nanos) implements Signal {}

  /** One body read, with its arrival time ({@link System#nanoTime()}). */
  record Data(List<ByteBuffer> buffers, long nanos) implements Signal {}

  /** The body ended normally. */
  record End() implements Signal {}

  /** The exchange failed (connect, TLS, reset, EOF inside a chunked body …). */
  record Failed(Throwable error) implements Signal {}

  /** The user cancelled (queued by the cancel hook to wake the calling thread). */
  record Cancelled() implements Signal {}
}
