package org.ssechat.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ssechat.sse.testing.Chunkings;
import org.ssechat.sse.testing.Recorder;
import org.ssechat.sse.testing.ReferenceParser;

/**
 * Every recorded stream in {@code corpus/*.sse}: identical events at reads of 1, 7, 64 and 4096
 * bytes and whole, equal to the String reference parser, with the event and comment counts that
 * corpus/SOURCES.md lists for the file.
 */
class CorpusTest {

  /** file -> {events, comments}, from the feature matrix in corpus/SOURCES.md. */
  static final Map<String, int[]> EXPECTED = Map.ofEntries(
      Map.entry("openai-gpt4o-mini-text-usage.sse", new int[] {12, 0}),
      Map.entry("openai-gpt4o-mini-tool-call-arg-fragments.sse", new int[] {9, 0}),
      Map.entry("openai-gpt4o-long-tool-arguments-20k.sse", new int[] {57, 0}),
      Map.entry("openai-gpt5-moderation-field.sse", new int[] {7, 0}),
      Map.entry("deepseek-reasoner-reasoning-content-emoji.sse", new int[] {212, 0}),
      Map.entry("groq-gptoss-reasoning-tool-call-xgroq.sse", new int[] {26, 0}),
      Map.entry("groq-compound-web-search-reasoning-emoji.sse", new int[] {227, 0}),
      Map.entry("groq-r1-distill-long-reasoning-425k.sse", new int[] {1507, 0}),
      Map.entry("openrouter-o3-reasoning-details-keepalive.sse", new int[] {103, 7}),
      Map.entry("openrouter-bedrock-claude-keepalive-usage-cost.sse", new int[] {4, 3}),
      Map.entry("zai-glm47-reasoning-content.sse", new int[] {94, 0}),
      Map.entry("crusoe-vllm-llama33-usage-empty-choices.sse", new int[] {17, 0}),
      Map.entry("snowflake-cortex-claude-no-finish-reason.sse", new int[] {17, 0}),
      Map.entry("google-gemini-native-crlf-no-done.sse", new int[] {3, 0}),
      Map.entry("deepwiki-mcp-sse-starlette-ping-crlf.sse", new int[] {2, 1}),
      Map.entry("alibaba-qwen3-max-long-text.sse", new int[] {175, 0}),
      Map.entry("anthropic-compat-claude-haiku-tool-index1.sse", new int[] {8, 0}),
      Map.entry("dashscope-qwen-plus-chinese-usage.sse", new int[] {9, 0}),
      Map.entry("openai-gpt41-midstream-error-object.sse", new int[] {5, 0}),
      Map.entry("openarc-openvino-truncated-no-done.sse", new int[] {6, 0}));

  static Path dir() throws URISyntaxException {
    return Path.of(CorpusTest.class.getResource("/corpus/SOURCES.md").toURI()).getParent();
  }

  static Stream<String> files() throws IOException, URISyntaxException {
    try (Stream<Path> s = Files.list(dir())) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sse")).sorted()
          .toList().stream();
    }
  }

  static byte[] read(String file) throws IOException, URISyntaxException {
    return Files.readAllBytes(dir().resolve(file));
  }

  @Test
  void everyCorpusFileHasAnExpectation() throws Exception {
    assertThat(files()).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void sameEventsAtEveryReadSizeAndAsTheReference(String file) throws Exception {
    byte[] input = read(file);
    Recorder.Result reference = ReferenceParser.parse(input);
    int[] expected = EXPECTED.get(file);
    assertThat(reference.events()).as("reference event count").hasSize(expected[0]);
    assertThat(reference.comments()).as("reference comment count").hasSize(expected[1]);

    List<Chunkings.Chunking> chunkings = List.of(
        Chunkings.fixed("whole", input.length, input.length),
        Chunkings.fixed("1", input.length, 1), Chunkings.fixed("7", input.length, 7),
        Chunkings.fixed("64", input.length, 64), Chunkings.fixed("4096", input.length, 4096));
    for (Chunkings.Chunking c : chunkings) {
      Recorder.Result r = Recorder.run("zero-copy", input, c);
      assertThat(r.events()).as("events at %s", c).containsExactlyElementsOf(reference.events());
      assertThat(r.comments()).as("comments at %s", c)
          .containsExactlyElementsOf(reference.comments());
      assertThat(r.retry()).isEqualTo(reference.retry());
      assertThat(r.end().totalBytes()).isEqualTo(input.length);
    }
  }

  @Test
  void handCheckedFiles() throws Exception {
    // dashscope: Chinese deltas, and the final "data: [DONE]\n" has no blank line: dropped.
    byte[] dashscope = read("dashscope-qwen-plus-chinese-usage.sse");
    Recorder.Result r = Recorder.run("zero-copy", dashscope,
        Chunkings.fixed("1", dashscope.length, 1));
    assertThat(r.events()).noneMatch(e -> e.data().equals("[DONE]"));
    assertThat(r.events().get(1).data()).contains("我是");
    assertThat(r.end().discardedEvent()).isTrue();
    // deepwiki: CRLF, one ": ping - <ts>" comment, "event: message", an 11.9 KB data line.
    r = ReferenceParser.parse(read("deepwiki-mcp-sse-starlette-ping-crlf.sse"));
    assertThat(r.comments()).singleElement().asString().startsWith(" ping - 2026-05-12");
    assertThat(r.events()).allMatch(e -> e.type().equals("message"));
    assertThat(r.events()).anyMatch(e -> e.data().length() > 11_000);
  }
}
