package org.ssechat.benchmarks;

import java.util.Locale;
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
import org.ssechat.chat.ChatStreamDecoder;
import org.ssechat.chat.ChatStreamDecoder.Dialect;

/**
 * The same answer in each dialect ({@link DialectStream}), framed by the zero-copy parser and
 * decoded by that dialect's decoder: chat chunks, Anthropic Messages, OpenAI Responses. One
 * stream per op; MB/s from the stream size, B/event with {@code -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DialectBenchmark {

  @Param({"chat", "messages", "responses"})
  public String dialect;

  @Param({"en", "zh", "reasoning"})
  public String text;

  @Param({"256", "4096"})
  public String readSize;

  /** Text events per stream. */
  public static final int PIECES = 2000;

  private byte[] bytes;
  private int read;
  private Framer framer;

  @Setup
  public void setup(Blackhole bh) {
    Dialect d = Dialect.valueOf(dialect.toUpperCase(Locale.ROOT));
    bytes = DialectStream.generate(d, SyntheticStream.Kind.valueOf(text.toUpperCase(Locale.ROOT)),
        PIECES, Streams.SEED);
    read = Streams.readSize(readSize, bytes);
    framer = framer(d, BlackholeSinks.chat(bh));
  }

  /** The zero-copy parser feeding {@code dialect}'s decoder, reporting into {@code sink}. */
  static Framer framer(Dialect dialect, ChatSink sink) {
    return new SpiFramer("zero-copy", ChatStreamDecoder.of(dialect, EndToEnd.listener(sink)));
  }

  @Benchmark
  public int decode() throws Exception {
    return framer.parse(bytes, read);
  }
}
