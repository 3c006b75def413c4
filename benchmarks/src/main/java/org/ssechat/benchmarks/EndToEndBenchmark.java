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
 * Framing plus chat extraction (content, reasoning, finish_reason, usage), one stream per op.
 * See {@link EndToEnd} for what each pipeline runs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class EndToEndBenchmark {

  @Param({"zero-copy", "zero-copy+chatjson", "naive", "okhttp", "spring", "launchdarkly"})
  public String pipeline;

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
    framer = EndToEnd.pipeline(pipeline, BlackholeSinks.chat(bh));
  }

  @Benchmark
  public int endToEnd() throws Exception {
    return framer.parse(bytes, read);
  }
}
