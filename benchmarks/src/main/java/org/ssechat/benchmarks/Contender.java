package org.ssechat.benchmarks;

import com.launchdarkly.eventsource.LaunchDarklyFramer;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ssechat.sse.SseParsers;

/** The SSE framing contenders, by the name used in {@code @Param} values and reports. */
public enum Contender {
  ZERO_COPY("zero-copy", true, sink -> new SpiFramer("zero-copy", sink)),
  /** The relay docs' loop (decode each read, append, split on LF): wrong and quadratic on purpose. */
  NAIVE("naive", false, sink -> new SpiFramer("naive", sink)),
  OKHTTP("okhttp", true, OkhttpFramer::new),
  /** Dispatches a pending event at end of input, which the spec says to discard. */
  SPRING("spring", true, SpringFramer::new),
  LAUNCHDARKLY("launchdarkly", true, LaunchDarklyFramer::new);

  private final String id;
  private final boolean mustBeCorrect;
  private final Function<EventSink, Framer> factory;

  Contender(String id, boolean mustBeCorrect, Function<EventSink, Framer> factory) {
    this.id = id;
    this.mustBeCorrect = mustBeCorrect;
    this.factory = factory;
  }

  /** The name in parameters and reports. */
  public String id() {
    return id;
  }

  /** Whether a wrong event from this contender fails the gate (false only for {@code naive}). */
  public boolean mustBeCorrect() {
    return mustBeCorrect;
  }

  /**
   * Whether this contender dispatches an event left pending at end of input (known deviation:
   * the WHATWG algorithm discards it; the gate shows it but does not fail on it).
   */
  public boolean dispatchesAtEof() {
    return this == SPRING;
  }

  /** Whether this contender is on the class path (the SPI parsers are found at run time). */
  public boolean available() {
    return this != ZERO_COPY && this != NAIVE || SseParsers.names().contains(id);
  }

  /** A fresh framer delivering to {@code sink}. */
  public Framer framer(EventSink sink) {
    return factory.apply(sink);
  }

  /** The contender called {@code id}. */
  public static Contender of(String id) {
    for (Contender c : values()) {
      if (c.id.equals(id)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown contender '" + id + "' (known: "
        + ids(Arrays.asList(values())) + ")");
  }

  static String ids(List<Contender> cs) {
    return cs.stream().map(Contender::id).collect(Collectors.joining(", "));
  }
}
