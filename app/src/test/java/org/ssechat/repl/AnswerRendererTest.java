package org.ssechat.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssechat.chat.ChatAccumulator;
import org.ssechat.chat.ChatChunkDecoder;
import org.ssechat.chat.ChatDeltaListener;
import org.ssechat.chat.ChatDeltaListeners;
import org.ssechat.client.ChatResult;
import org.ssechat.client.Metrics;
import org.ssechat.client.Outcome;
import org.ssechat.sse.SseParser;
import org.ssechat.sse.SseParsers;

/** The renderer fed with real recorded streams through the real SSE parser and chunk decoder. */
class AnswerRendererTest {

  record Rendered(String text, ChatAccumulator acc) {}

  private static Rendered render(String corpus, boolean ansi, boolean showReasoning, int chunk)
      throws IOException {
    byte[] body;
    try (InputStream in = AnswerRendererTest.class.getResourceAsStream("/corpus/" + corpus)) {
      body = in.readAllBytes();
    }
    StringWriter sw = new StringWriter();
    AnswerRenderer r = new AnswerRenderer(new PrintWriter(sw), new AnswerRenderer.Options(ansi, showReasoning));
    ChatAccumulator acc = new ChatAccumulator();
    ChatDeltaListener both = ChatDeltaListeners.tee(r, acc);
    SseParser parser = SseParsers.create(new ChatChunkDecoder(both));
    for (int off = 0; off < body.length; off += chunk) {
      parser.feed(body, off, Math.min(chunk, body.length - off));
    }
    parser.endOfInput();
    r.finish(new ChatResult(Outcome.FINISHED, acc.model(), acc.content(), acc.reasoning(),
        acc.toolCalls(), acc.finishReason(), acc.usage(), null, List.of(),
        new Metrics(10, 250, 1250, 1, 1, body.length, 40, true)));
    return new Rendered(sw.toString(), acc);
  }

  @Test
  void plainTextAnswerIsPrintedVerbatimThenStats() throws IOException {
    Rendered r = render("openai-gpt4o-mini-text-usage.sse", false, true, 7);
    assertThat(r.acc().content()).isNotEmpty();
    String[] parts = r.text().split("\n");
    assertThat(r.text()).startsWith(r.acc().content());
    assertThat(parts[parts.length - 1])
        .isEqualTo(r.acc().model() + " · 40 tok · TTFT 0.25 s · 40.0 tok/s · 1.25 s · finished (stop)");
    assertThat(r.text()).doesNotContain("\u001b[");
  }

  @Test
  void reasoningIsItsOwnDimBlockBeforeTheAnswer() throws IOException {
    Rendered plain = render("zai-glm47-reasoning-content.sse", false, true, 64);
    assertThat(plain.acc().reasoning()).isNotEmpty();
    assertThat(plain.text()).startsWith(plain.acc().reasoning())
        .contains(plain.acc().reasoning() + "\n\n" + plain.acc().content());

    Rendered ansi = render("zai-glm47-reasoning-content.sse", true, true, 64);
    assertThat(ansi.text()).startsWith("\u001b[2m").contains(plain.acc().content());

    Rendered hidden = render("zai-glm47-reasoning-content.sse", false, false, 64);
    assertThat(hidden.text()).startsWith("thinking… (hidden; /reasoning show)\n\n" + plain.acc().content())
        .doesNotContain(plain.acc().reasoning().substring(0, 20));
  }

  @Test
  void toolCallsAreCompactBlocks() throws IOException {
    Rendered r = render("openai-gpt4o-mini-tool-call-arg-fragments.sse", false, true, 1);
    var call = r.acc().toolCalls().get(0);
    assertThat(r.text()).startsWith("⚙ " + call.name() + "(" + call.arguments() + ")\n");
    assertThat(r.text()).contains("finished (tool_calls)");
  }

  @Test
  void problemsGetOneLine() {
    Metrics m = new Metrics(-1, -1, 5, 0, 0, 0, 0, false);
    StringWriter out = new StringWriter();
    StringWriter meta = new StringWriter();
    AnswerRenderer r = new AnswerRenderer(new PrintWriter(out), new PrintWriter(meta),
        new AnswerRenderer.Options(false, true));
    char[] partial = "half an ans".toCharArray();
    r.onContent(0, partial, 0, partial.length);
    r.finish(new ChatResult(Outcome.TRUNCATED, "m", "half an ans", "", List.of(), null, null,
        "the stream ended without [DONE] or a finish reason",
        List.of("skipped a malformed event", "w2", "w3", "w4", "w5"), m));
    assertThat(out.toString()).isEqualTo("half an ans\n");
    assertThat(meta.toString()).isEqualTo("warning: skipped a malformed event\nwarning: w2\nwarning: w3\n"
        + "warning: … 2 more\n"
        + "truncated: the stream ended without [DONE] or a finish reason\nm · 0.01 s · truncated\n");
    assertThat(AnswerRenderer.problemLine(new ChatResult(Outcome.ERROR, "m", "", "", List.of(), null,
        null, "HTTP 401: invalid key", List.of(), m))).isEqualTo("error: HTTP 401: invalid key");
  }

  @Test
  void withASeparateMetaWriterStandardOutputHoldsOnlyTheAnswer() throws IOException {
    byte[] body;
    try (InputStream in = AnswerRendererTest.class.getResourceAsStream(
        "/corpus/zai-glm47-reasoning-content.sse")) {
      body = in.readAllBytes();
    }
    StringWriter out = new StringWriter();
    StringWriter meta = new StringWriter();
    AnswerRenderer r = new AnswerRenderer(new PrintWriter(out), new PrintWriter(meta),
        new AnswerRenderer.Options(false, true));
    ChatAccumulator acc = new ChatAccumulator();
    SseParser parser = SseParsers.create(new ChatChunkDecoder(ChatDeltaListeners.tee(r, acc)));
    parser.feed(body, 0, body.length);
    parser.endOfInput();
    r.finish(new ChatResult(Outcome.FINISHED, acc.model(), acc.content(), acc.reasoning(),
        acc.toolCalls(), acc.finishReason(), acc.usage(), null, List.of(),
        new Metrics(10, 250, 1250, 1, 1, body.length, 40, true)));
    assertThat(acc.reasoning()).isNotEmpty();
    assertThat(out.toString()).isEqualTo(acc.content() + "\n");
    assertThat(meta.toString()).startsWith(acc.reasoning()).contains("finished (stop)");
  }

  /** A bundled Markdown answer streamed at {@code chunk}-byte reads, rendered as Markdown. */
  private static String markdown(String recording, int chunk, int width) throws IOException {
    byte[] body = java.nio.file.Files.readAllBytes(org.ssechat.replay.Expected.bundled(recording));
    StringWriter sw = new StringWriter();
    AnswerRenderer r = new AnswerRenderer(new PrintWriter(sw), new AnswerRenderer.Options(true,
        true, false, new org.ssechat.render.MarkdownStream.Look(() -> width, () -> 40,
            org.ssechat.render.DisplayWidth.NARROW, true)));
    ChatAccumulator acc = new ChatAccumulator();
    SseParser parser = SseParsers.create(new ChatChunkDecoder(ChatDeltaListeners.tee(r, acc)));
    for (int off = 0; off < body.length; off += chunk) {
      parser.feed(body, off, Math.min(chunk, body.length - off));
    }
    parser.endOfInput();
    r.finish(new ChatResult(Outcome.FINISHED, acc.model(), acc.content(), acc.reasoning(),
        acc.toolCalls(), acc.finishReason(), acc.usage(), null, List.of(), Metrics.NONE));
    org.ssechat.render.VirtualScreenAccess screen =
        new org.ssechat.render.VirtualScreenAccess(width);
    screen.feed(sw.toString());
    // the stats line is the terminal's to wrap; every line of the answer fits
    assertThat(screen.overflowRows()).allMatch(row -> row.startsWith("ssechat-offline"));
    return screen.text();
  }

  @Test
  void markdownAnswersAreDrawnTheSameAtEveryReadSize() throws IOException {
    String table = org.ssechat.replay.BundledRecordingsGenerator.TABLE;
    String whole = markdown(table, 1 << 20, 72);
    for (int chunk : new int[] {1, 7, 64, 500}) {
      assertThat(markdown(table, chunk, 72)).as("read size %d", chunk).isEqualTo(whole);
    }
    assertThat(whole).contains("───┼───").doesNotContain("|---").doesNotContain("**");
    String code = markdown(org.ssechat.replay.BundledRecordingsGenerator.CODE, 13, 60);
    assertThat(code).contains("── java ─").doesNotContain("```");
    assertThat(markdown(org.ssechat.replay.BundledRecordingsGenerator.LUXUN, 5, 40))
        .contains("• 周树人是他的本名").doesNotContain("**");
  }

  @Test
  void markdownKeepsEscapesOutOfTheTerminal() {
    StringWriter sw = new StringWriter();
    AnswerRenderer r = new AnswerRenderer(new PrintWriter(sw), new AnswerRenderer.Options(true,
        true, false, new org.ssechat.render.MarkdownStream.Look(() -> 40, () -> 40,
            org.ssechat.render.DisplayWidth.NARROW, true)));
    char[] evil = "**hi** \u001b]52;c;aGk=\u0007 \u001b[2J done\n".toCharArray();
    r.onContent(0, evil, 0, evil.length);
    r.finish(ChatResult.failedBeforeResponse("m", "x"));
    assertThat(sw.toString()).doesNotContain("\u001b]52").doesNotContain("\u001b[2J")
        .contains("\u001b[1mhi");
  }
}
