package org.ssechat.serve;

import java.net.URI;

/** A running {@code serve}: the event-loop one ({@link EventLoopServer}) or thread per stream. */
public interface ServeEngine extends AutoCloseable {
  /** {@code http://HOST:PORT/v1}. */
  URI baseUrl();

  /** Blocks until {@link #close()}. */
  void awaitStop();

  /** Streams that reached the end of their recording. */
  long streamed();

  @Override
  void close();
}
