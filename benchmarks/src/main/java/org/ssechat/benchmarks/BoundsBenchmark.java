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

/**
 * The framing bound, one stream per op: counting newlines (scalar and SWAR) in reads of
 * {@code readSize}, the least work a framer must do with each byte.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class BoundsBenchmark {

  @Param({"16", "256", "4096", "65536", "whole"})
  public String readSize;

  @Param({"synth-en-2000", "synth-zh-2000", "synth-emoji-2000", "synth-reasoning-2000",
      "openai-gpt4o-mini-text-usage", "groq-r1-distill-long-reasoning-425k"})
  public String stream;

  private byte[] bytes;
  private int read;

  @Setup
  public void setup() {
    bytes = Streams.get(stream);
    read = Streams.readSize(readSize, bytes);
  }

  @Benchmark
  public int newlineScalar() {
    int n = 0;
    for (int off = 0; off < bytes.length; off += read) {
      n += NewlineCount.scalar(bytes, off, Math.min(read, bytes.length - off));
    }
    return n;
  }

  @Benchmark
  public int newlineSwar() {
    int n = 0;
    for (int off = 0; off < bytes.length; off += read) {
      n += NewlineCount.swar(bytes, off, Math.min(read, bytes.length - off));
    }
    return n;
  }
}
