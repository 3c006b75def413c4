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
 * SSE framing only: one operation parses one whole stream, delivered in reads of
 * {@code readSize} bytes, and sinks every event's data into the blackhole.
 *
 * <p>MB/s of input = stream bytes / time per op; B/event = {@code gc.alloc.rate.norm} / events
 * (the report does both). The zero-copy and naive parsers are reused across streams
 * ({@code endOfInput()} readies them for the next), so their figures are steady state; okhttp,
 * Spring and LaunchDarkly build their reader per stream, as their APIs require.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar FramingBenchmark -prof gc}, or
 * {@code benchmarks/run.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FramingBenchmark {

  @Param({"zero-copy", "naive", "okhttp", "spring", "launchdarkly"})
  public String contender;

  @Param({"16", "256", "4096", "65536", "whole"})
  public String readSize;

  @Param({"synth-en-2000", "synth-zh-2000", "synth-emoji-2000", "synth-reasoning-2000",
      "openai-gpt4o-mini-text-usage", "groq-r1-distill-long-reasoning-425k"})
  public String stream;

  private byte[] bytes;
  private int read;
  private Framer framer;

  @Setup
  public void setup(Blackhole bh) {
    bytes = Streams.get(stream);
    read = Streams.readSize(readSize, bytes);
    framer = Contender.of(contender).framer(BlackholeSinks.events(bh));
  }

  @Benchmark
  public int frame() throws Exception {
    return framer.parse(bytes, read);
  }
}
