package org.ssechat.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssechat.chat.ChatStreamDecoder.Dialect;

/**
 * Bytes allocated per event in steady state by the Anthropic Messages and Responses decoders (see
 * DecoderAllocationTest): one long answer made of the first fixture's head and tail around the
 * delta events of all the fixtures, repeated.
 */
class DialectAllocationTest {

  private static byte[] longStream(List<String> fixtures, int repeats) {
    StringBuilder deltas = new StringBuilder();
    for (String name : fixtures) {
      for (String[] e : CorpusDecodeTest.sseEvents(DialectStreams.fixture(name))) {
        if (isDelta(e[0])) {
          deltas.append(event(e));
        }
      }
    }
    StringBuilder head = new StringBuilder();
    StringBuilder tail = new StringBuilder();
    boolean seenDelta = false;
    for (String[] e : CorpusDecodeTest.sseEvents(DialectStreams.fixture(fixtures.get(0)))) {
      seenDelta |= isDelta(e[0]);
      if (!isDelta(e[0])) {
        (seenDelta ? tail : head).append(event(e));
      }
    }
    String all = head + deltas.toString().repeat(repeats) + tail;
    return all.getBytes(StandardCharsets.UTF_8);
  }

  private static boolean isDelta(String type) {
    return type.endsWith("delta") && !type.equals("message_delta");
  }

  private static String event(String[] e) {
    return "event: " + e[0] + "\ndata: " + e[1] + "\n\n";
  }

  private static void assertSteadyStateIsAllocationFree(Dialect dialect, List<String> fixtures) {
    var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
    byte[] stream = longStream(fixtures, 400);
    DecoderAllocationTest.Sink sink = new DecoderAllocationTest.Sink();
    double[] perEvent = DecoderAllocationTest.bytesPerEvent(stream,
        ChatStreamDecoder.of(dialect, sink));
    System.out.printf("%s: events/pass=%d framing=%.1f B/event framing+decoding=%.1f B/event%n",
        dialect, CorpusDecodeTest.sseEvents(stream).size(), perEvent[0], perEvent[1]);
    assertThat(sink.chars).isPositive();
    assertThat(sink.calls).isPositive();
    assertThat(perEvent[1] - perEvent[0]).isLessThan(1);
  }

  @Test
  void anthropicMessages() {
    assertSteadyStateIsAllocationFree(Dialect.MESSAGES, List.of("anthropic-text-end-turn.sse",
        "anthropic-thinking-tool-use.sse", "anthropic-redacted-max-tokens-crlf.sse"));
  }

  @Test
  void responses() {
    assertSteadyStateIsAllocationFree(Dialect.RESPONSES, List.of("responses-text-completed.sse",
        "responses-reasoning-tool-call-crlf.sse", "responses-incomplete-max-output-tokens.sse"));
  }
}
