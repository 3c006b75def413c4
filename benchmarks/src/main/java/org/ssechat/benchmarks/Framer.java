package org.ssechat.benchmarks;

/**
 * One contender set up to parse whole streams, one after another, into an {@link EventSink}.
 * Implementations keep whatever their library lets them reuse between streams and build the rest
 * per stream, as a client would per response.
 */
public interface Framer {

  /**
   * Parses {@code stream} as one response body delivered in reads of at most {@code readSize}
   * bytes, then signals its end.
   *
   * @return the number of events dispatched
   */
  int parse(byte[] stream, int readSize) throws Exception;
}
