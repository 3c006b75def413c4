package org.ssechat.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Linearity control (after JMH sample 34): the zero-copy pipelines over synthetic English streams
 * of 500 to 8,000 events. Time per event should stay flat as the stream grows and as reads grow
 * to the whole stream; if it does not, something is quadratic.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class LinearityBenchmark {

  @Param({"500", "1000", "2000", "4000", "8000"})
  public int events;

  /** Named apart from the other benchmarks' {@code readSize} so a {@code -p readSize} leaves it. */
  @Param({"256", "4096", "whole"})
  public String linearRead;

  private byte[] bytes;
  private int read;
  private Framer framing;
  private Framer endToEnd;

  @Setup
  public void setup(Blackhole bh) {
    bytes = Streams.get(Streams.synthetic(SyntheticStream.Kind.EN, events));
    read = Streams.readSize(linearRead, bytes);
    framing = Contender.ZERO_COPY.framer(BlackholeSinks.events(bh));
    endToEnd = EndToEnd.pipeline("zero-copy", BlackholeSinks.chat(bh));
  }

  @Benchmark
  public int framing() throws Exception {
    return framing.parse(bytes, read);
  }

  @Benchmark
  public int endToEnd() throws Exception {
    return endToEnd.parse(bytes, read);
  }
}
