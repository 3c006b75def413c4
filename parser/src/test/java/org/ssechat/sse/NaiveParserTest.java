package org.ssechat.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ssechat.sse.testing.Fixtures.msg;
import static org.ssechat.sse.testing.Fixtures.utf8;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssechat.sse.testing.Chunkings;
import org.ssechat.sse.testing.Gen;
import org.ssechat.sse.testing.Property;
import org.ssechat.sse.testing.Recorder;
import org.ssechat.sse.testing.Shrink;

/**
 * The {@code naive} baseline (the relay docs' Python loop) against {@code zero-copy}: they agree
 * on plain well-formed LF streams, and every documented divergence is asserted here, so the
 * benchmark compares parsers that do the same work on the streams where that is true.
 */
class NaiveParserTest {

  private static Recorder.Result run(String parser, String input, int read) {
    byte[] b = utf8(input);
    return Recorder.run(parser, b, Chunkings.fixed("reads of " + read, b.length, read));
  }

  private static List<SseMessage> naive(String input) {
    return run("naive", input, Math.max(1, utf8(input).length)).events();
  }

  private static List<SseMessage> spec(String input) {
    return run("zero-copy", input, Math.max(1, utf8(input).length)).events();
  }

  // ---- agreement --------------------------------------------------------------------------

  /** Data values and the read sizes to cut their stream into (cycled). */
  record Case(List<String> values, List<Integer> reads) {}

  /** 200 streams of up to 20 ASCII JSON-ish values, at any chunking. */
  @Test
  void agreeOnWellFormedLfStreamsAtAnyChunking() {
    Gen<Case> cases = Gen.combine(Gen.strings("abc{}\":,[]0123456789", 1, 30).list(0, 20),
        Gen.ints(1, 50).list(1, 8), Case::new);
    Shrink<Case> shrink = Shrink.both(
        Shrink.part(Case::values, (c, v) -> new Case(v, c.reads()), Shrink.list(Shrink.none())),
        Shrink.part(Case::reads, (c, r) -> r.isEmpty() ? c : new Case(c.values(), r),
            Shrink.list(Shrink.positive())));
    Property.forAll("agreeOnWellFormedLfStreamsAtAnyChunking", 200, cases, shrink, k -> {
      StringBuilder sb = new StringBuilder();
      k.values().forEach(v -> sb.append("data: ").append(v).append("\n\n"));
      byte[] input = utf8(sb.toString());
      Chunkings.Chunking c = Chunkings.cycled("reads", input.length, k.reads());
      List<SseMessage> expected = k.values().stream().map(v -> msg(v)).toList();
      assertThat(Recorder.run("zero-copy", input, c).events()).isEqualTo(expected);
      assertThat(Recorder.run("naive", input, c).events()).isEqualTo(expected);
    });
  }

  /** 100 streams of multi-byte values, fed whole (no character is split). */
  @Test
  void agreeOnMultiByteDataWhenNoCharacterIsSplit() {
    Property.forAll("agreeOnMultiByteDataWhenNoCharacterIsSplit", 100,
        Gen.strings("ab{}\":é中文😀ß", 1, 20).list(0, 20), Shrink.list(Shrink.string()),
        values -> {
          StringBuilder sb = new StringBuilder();
          values.forEach(v -> sb.append("data: ").append(v).append("\n\n"));
          assertThat(naive(sb.toString())).isEqualTo(spec(sb.toString())).hasSize(values.size());
        });
  }

  @Test
  void agreeOnPlainCorpusFilesAt4096ByteReads() throws Exception {
    // LF, "data: " with a space, single-line data, no types or ids, every event terminated.
    for (String file : List.of("openai-gpt4o-mini-text-usage.sse",
        "openai-gpt4o-mini-tool-call-arg-fragments.sse", "openai-gpt4o-long-tool-arguments-20k.sse",
        "openai-gpt5-moderation-field.sse", "openai-gpt41-midstream-error-object.sse",
        "groq-gptoss-reasoning-tool-call-xgroq.sse", "zai-glm47-reasoning-content.sse",
        "crusoe-vllm-llama33-usage-empty-choices.sse", "openarc-openvino-truncated-no-done.sse",
        "openrouter-bedrock-claude-keepalive-usage-cost.sse")) {
      byte[] input = CorpusTest.read(file);
      Chunkings.Chunking c = Chunkings.fixed("4096", input.length, 4096);
      List<SseMessage> expected = Recorder.run("zero-copy", input, c).events();
      assertThat(Recorder.run("naive", input, c).events()).as(file).isEqualTo(expected)
          .hasSize(CorpusTest.EXPECTED.get(file)[0]);
    }
  }

  // ---- documented divergences -------------------------------------------------------------

  @Test
  void splitMultiByteCharactersCorruptNaiveOnly() throws Exception {
    byte[] input = CorpusTest.read("deepseek-reasoner-reasoning-content-emoji.sse");
    Chunkings.Chunking bytes = Chunkings.fixed("1", input.length, 1);
    List<SseMessage> spec = Recorder.run("zero-copy", input, bytes).events();
    List<SseMessage> naive = Recorder.run("naive", input, bytes).events();
    assertThat(spec).noneMatch(e -> e.data().contains("\uFFFD"));
    assertThat(naive).hasSameSizeAs(spec).anyMatch(e -> e.data().contains("\uFFFD"));
    assertThat(run("naive", "data: é\n\n", 1).events()).containsExactly(msg("\uFFFD\uFFFD"));
    assertThat(run("zero-copy", "data: é\n\n", 1).events()).containsExactly(msg("é"));
  }

  @Test
  void dataWithoutSpaceIsLostByNaive() {
    assertThat(naive("data:{\"a\":1}\n\ndata: b\n\n")).containsExactly(msg("b"));
    assertThat(spec("data:{\"a\":1}\n\ndata: b\n\n")).containsExactly(msg("{\"a\":1}"), msg("b"));
    assertThat(naive("data:\n\n")).isEmpty();
    assertThat(spec("data:\n\n")).containsExactly(msg(""));
  }

  @Test
  void crlfWorksOnlyBecauseStripHidesTheCrAndCrOnlyYieldsNothing() {
    assertThat(naive("data: a\r\n\r\n")).isEqualTo(spec("data: a\r\n\r\n"))
        .containsExactly(msg("a"));
    // The CR is still in the line: a value ending in spaces before it loses them too.
    assertThat(naive("data: a  \r\n\r\n")).containsExactly(msg("a"));
    assertThat(spec("data: a  \r\n\r\n")).containsExactly(msg("a  "));
    assertThat(naive("data: a\r\rdata: b\r\r")).isEmpty();
    assertThat(spec("data: a\r\rdata: b\r\r")).containsExactly(msg("a"), msg("b"));
  }

  @Test
  void leadingBomLosesTheFirstEventInNaive() {
    assertThat(naive("\uFEFFdata: 1\n\ndata: 2\n\n")).containsExactly(msg("2"));
    assertThat(spec("\uFEFFdata: 1\n\ndata: 2\n\n")).containsExactly(msg("1"), msg("2"));
  }

  @Test
  void commentsAreNotReportedByNaive() {
    Recorder.Result n = run("naive", ": keep-alive\n\ndata: x\n\n", 64);
    Recorder.Result s = run("zero-copy", ": keep-alive\n\ndata: x\n\n", 64);
    assertThat(n.events()).isEqualTo(s.events());
    assertThat(n.comments()).isEmpty();
    assertThat(s.comments()).containsExactly(" keep-alive");
  }

  @Test
  void multiLineDataBecomesSeveralEventsInNaive() {
    String in = "data: {\ndata:   \"a\": 1\ndata: }\n\n";
    assertThat(naive(in)).containsExactly(msg("{"), msg("\"a\": 1"), msg("}"));
    assertThat(spec(in)).containsExactly(msg("{\n  \"a\": 1\n}"));
  }

  @Test
  void eventTypesIdsAndRetryAreIgnoredByNaive() {
    String in = "event: ping\nid: 7\nretry: 10\ndata: x\n\n";
    assertThat(naive(in)).containsExactly(msg("x"));
    assertThat(spec(in)).containsExactly(new SseMessage("ping", "x", "7"));
    assertThat(run("naive", in, 4).retry()).isNull();
  }

  @Test
  void naiveNeedsNoBlankLineSoItReportsUnterminatedEvents() throws Exception {
    assertThat(naive("data: [DONE]\n")).containsExactly(msg("[DONE]"));
    assertThat(spec("data: [DONE]\n")).isEmpty();
    byte[] input = CorpusTest.read("anthropic-compat-claude-haiku-tool-index1.sse");
    Chunkings.Chunking c = Chunkings.fixed("4096", input.length, 4096);
    List<SseMessage> expected = new ArrayList<>(Recorder.run("zero-copy", input, c).events());
    expected.add(msg("[DONE]"));
    assertThat(Recorder.run("naive", input, c).events()).isEqualTo(expected);
  }

  @Test
  void valuesAreStrippedOnBothSidesByNaive() {
    assertThat(naive("data:  x \t\n\n")).containsExactly(msg("x"));
    assertThat(spec("data:  x \t\n\n")).containsExactly(msg(" x \t"));
    // Python's strip() also removes Unicode spaces such as U+3000 and U+0085.
    assertThat(naive("data: \u3000x\u0085\n\n")).containsExactly(msg("x"));
  }

  @Test
  void afterDoneTheRestOfTheReadWaitsForTheNextRead() {
    Recorder rec = new Recorder();
    SseParser p = SseParsers.create("naive", rec, SseLimits.DEFAULTS);
    byte[] in = utf8("data: [DONE]\n\ndata: after\n\n");
    p.feed(in, 0, in.length);
    assertThat(rec.events).containsExactly(msg("[DONE]"));
    p.feed(utf8("\n"), 0, 1);
    assertThat(rec.events).containsExactly(msg("[DONE]"), msg("after"));
    assertThat(p.endOfInput()).isEqualTo(new SseStreamEnd(in.length + 1, 0, false));
  }

  @Test
  void naiveIgnoresLimitsAndBuffersTheWholeLine() {
    Recorder rec = new Recorder();
    SseParser p = SseParsers.create("naive", rec, new SseLimits(8, 8));
    byte[] in = utf8("data: far longer than eight bytes\n");
    p.feed(in, 0, in.length);
    assertThat(rec.events).containsExactly(msg("far longer than eight bytes"));
  }

  @Test
  void providersAreListedDefaultFirst() {
    assertThat(SseParsers.names()).containsExactly("zero-copy", "naive");
    assertThat(SseParsers.provider("naive").description()).contains("Python");
  }
}
