package org.ssechat.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ssechat.sse.SseMessage;
import org.ssechat.sse.testing.ReferenceParser;

/** The correctness gate on small streams, so CI proves the contenders agree before any timing. */
class GateTest {

  private static final List<String> STREAMS = List.of(
      "openai-gpt4o-mini-text-usage",
      "deepseek-reasoner-reasoning-content-emoji",
      "deepwiki-mcp-sse-starlette-ping-crlf",
      "google-gemini-native-crlf-no-done",
      "openrouter-o3-reasoning-details-keepalive",
      "dashscope-qwen-plus-chinese-usage",
      "synth-en-100", "synth-zh-100", "synth-emoji-100", "synth-reasoning-100");

  @Test
  void everyContenderThatMustBeCorrectIsCorrectAtEveryReadSize() {
    List<Gate.Check> checks = Gate.run(STREAMS, Gate.READ_SIZES);

    assertThat(checks).filteredOn(Gate.Check::failed).isEmpty();
    // zero-copy, okhttp, spring and launchdarkly framing, and their end-to-end pipelines, all ran
    for (String c : List.of("zero-copy", "okhttp", "spring", "launchdarkly")) {
      assertThat(checks).filteredOn(k -> k.kind().equals("framing") && k.contender().equals(c))
          .hasSize(STREAMS.size() * Gate.READ_SIZES.size())
          .allSatisfy(k -> assertThat(k.wrong()).isZero());
    }
    assertThat(checks).filteredOn(k -> k.contender().equals("zero-copy+chatjson")).isNotEmpty();
  }

  @Test
  void springsEndOfInputDispatchIsShownAsADeviationNotHidden() {
    List<Gate.Check> checks = Gate.run(List.of("dashscope-qwen-plus-chinese-usage"), List.of("whole"));

    assertThat(checks).filteredOn(k -> k.contender().equals("spring") && k.kind().equals("framing"))
        .singleElement()
        .satisfies(k -> assertThat(k.deviation()).contains("end of input"));
  }

  @Test
  void wrongEventsCountsAGarbledEventOnceAndAMissingOne() {
    SseMessage a = new SseMessage("message", "a", null);
    SseMessage b = new SseMessage("message", "b", null);
    SseMessage c = new SseMessage("message", "c", null);
    SseMessage garbled = new SseMessage("message", "b\uFFFD", null);

    assertThat(Gate.wrongEvents(List.of(a, b, c), List.of(a, b, c))).isZero();
    assertThat(Gate.wrongEvents(List.of(a, b, c), List.of(a, garbled, c))).isEqualTo(1);
    assertThat(Gate.wrongEvents(List.of(a, b, c), List.of(a, c))).isEqualTo(1);
    assertThat(Gate.wrongEvents(List.of(a, b, c), List.of(a, b, c, c))).isEqualTo(1);
  }

  @Test
  void referenceParserMatchesTheCorpusEventCounts() {
    // counts from parser/src/test/resources/corpus/SOURCES.md (its own WHATWG-style parse)
    assertThat(ReferenceParser.events(Streams.get("openai-gpt4o-mini-text-usage"))).hasSize(12);
    assertThat(ReferenceParser.events(Streams.get("groq-r1-distill-long-reasoning-425k")))
        .hasSize(1507);
    assertThat(ReferenceParser.events(Streams.get("openrouter-o3-reasoning-details-keepalive")))
        .hasSize(103);
  }

  @Test
  void referenceParserFollowsTheSpecOnEdgeCases() {
    byte[] body = ("\uFEFFdata:x\r\n:comment\rdata\nevent: e\n\nid: 7\ndata: y\r\n\r\ndata: z\n")
        .getBytes(StandardCharsets.UTF_8);

    assertThat(ReferenceParser.events(body)).containsExactly(
        new SseMessage("e", "x\n", null), new SseMessage("message", "y", "7"));
    assertThat(ReferenceParser.events(body, true)).hasSize(3).last()
        .isEqualTo(new SseMessage("message", "z", "7"));
  }

  @Test
  void syntheticStreamsHaveTheRequestedEventsAndAreDeterministic() {
    for (SyntheticStream.Kind k : SyntheticStream.Kind.values()) {
      byte[] s = SyntheticStream.generate(k, 500, 1);
      List<SseMessage> events = ReferenceParser.events(s);
      assertThat(events).hasSize(500);
      assertThat(events.get(499).data()).isEqualTo("[DONE]");
      assertThat(SyntheticStream.generate(k, 500, 1)).isEqualTo(s);
      ChatOutcome.Recorder rec = new ChatOutcome.Recorder();
      events.forEach(e -> ChatJson.extract(e.data(), rec));
      ChatOutcome o = rec.take();
      assertThat(o.finish()).isEqualTo("stop");
      assertThat(o.usage()).matches("\\d+/496/\\d+");
      assertThat(k == SyntheticStream.Kind.REASONING ? o.reasoning() : o.content()).isNotEmpty();
    }
    String zh = new String(SyntheticStream.generate(SyntheticStream.Kind.ZH, 50, 1),
        StandardCharsets.UTF_8);
    assertThat(zh).containsPattern("\\p{IsHan}");
  }

  @Test
  void swarNewlineCountEqualsScalarAtEveryAlignment() {
    Random rnd = new Random(42);
    byte[] b = new byte[1000];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (rnd.nextInt(8) == 0 ? '\n' : rnd.nextInt(256));
    }
    for (int off = 0; off < 9; off++) {
      for (int len = 0; len < 40; len++) {
        assertThat(NewlineCount.swar(b, off, len)).isEqualTo(NewlineCount.scalar(b, off, len));
      }
    }
    assertThat(NewlineCount.swar(b, 0, b.length)).isEqualTo(NewlineCount.scalar(b, 0, b.length))
        .isPositive();
  }
}
