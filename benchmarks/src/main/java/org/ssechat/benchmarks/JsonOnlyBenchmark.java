package org.ssechat.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.List;
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
import org.ssechat.chat.ChatChunkDecoder;
import org.ssechat.sse.SseMessage;
import org.ssechat.sse.testing.ReferenceParser;

/**
 * The end-to-end bound, one stream per op: chat extraction over event data split beforehand
 * (by the reference parser, outside the timing), i.e. JSON work with no framing at all. Two
 * bounds: {@link #decoder()} is the chunk decoder on its own JSON cursor, what the zero-copy
 * pipeline runs; {@link #chatJson()} is Jackson's streaming parser with the same extraction, what
 * the byte and string contenders run. (Named JacksonOnlyBenchmark while the decoder used Jackson;
 * the report still reads results saved under that name.)
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class JsonOnlyBenchmark {

  @Param({"synth-en-2000", "synth-zh-2000", "synth-emoji-2000", "synth-reasoning-2000",
      "openai-gpt4o-mini-text-usage", "groq-r1-distill-long-reasoning-425k"})
  public String stream;

  private byte[][] events;
  private PreSplitEvent[] views;
  private ChatSink sink;
  private ChatChunkDecoder decoder;

  @Setup
  public void setup(Blackhole bh) {
    List<SseMessage> ref = ReferenceParser.events(Streams.get(stream));
    events = new byte[ref.size()][];
    for (int i = 0; i < events.length; i++) {
      events[i] = ref.get(i).data().getBytes(StandardCharsets.UTF_8);
    }
    views = ref.stream().map(PreSplitEvent::new).toArray(PreSplitEvent[]::new);
    sink = BlackholeSinks.chat(bh);
    decoder = EndToEnd.decoder(sink);
  }

  /** The chunk decoder (JSON cursor) the zero-copy pipeline runs: its bound. */
  @Benchmark
  public int decoder() {
    for (PreSplitEvent e : views) {
      decoder.onEvent(e);
    }
    return views.length;
  }

  /** The shared {@link ChatJson} code the byte and string pipelines run: their bound. */
  @Benchmark
  public int chatJson() {
    int n = 0;
    for (byte[] data : events) {
      if (ChatJson.extract(data, 0, data.length, sink)) {
        n++;
      }
    }
    return n;
  }
}
