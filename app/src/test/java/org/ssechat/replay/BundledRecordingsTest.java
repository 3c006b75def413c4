package org.ssechat.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssechat.record.RecordedExchange;
import org.ssechat.record.RecordingWriter;

class BundledRecordingsTest {

  private static final Path SRC = Path.of("src/main/resources/recordings");

  @Test
  void generatedRecordingsMatchTheGenerator() throws IOException {
    for (Map.Entry<String, byte[]> e : BundledRecordingsGenerator.generate().entrySet()) {
      assertThat(Files.readAllBytes(SRC.resolve(e.getKey())))
          .as(e.getKey() + " is stale: rerun BundledRecordingsGenerator").isEqualTo(e.getValue());
    }
  }

  @Test
  void indexListsExactlyTheBundledFilesAndStaysSmall() throws IOException {
    RecordingLibrary lib = RecordingLibrary.bundled();
    Set<String> onDisk = new HashSet<>();
    long total = 0;
    try (var files = Files.list(SRC)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        total += Files.size(f);
        String n = f.getFileName().toString();
        if (n.endsWith(".sse")) {
          onDisk.add(n.substring(0, n.length() - 4));
        }
      }
    }
    assertThat(lib.names()).containsExactlyInAnyOrderElementsOf(onDisk);
    assertThat(total).isLessThan(320 * 1024); // the jar stays small; the answers stay real
    assertThat(lib.prompts()).containsEntry(BundledRecordingsGenerator.WELCOME, "Hello")
        .containsEntry(BundledRecordingsGenerator.LUXUN, "周树人和鲁迅是兄弟吗？")
        .containsKeys(BundledRecordingsGenerator.CHINESE, BundledRecordingsGenerator.SKY,
            BundledRecordingsGenerator.CODE, BundledRecordingsGenerator.TABLE)
        .doesNotContainKeys(BundledRecordingsGenerator.ERROR, BundledRecordingsGenerator.TRUNCATED,
            "openai-gpt4o-mini-text-usage");
    String sources = Files.readString(SRC.resolve("SOURCES.md"));
    for (String n : lib.names()) {
      assertThat(sources).as("SOURCES.md names " + n).contains("`" + n + ".sse`");
    }
  }

  private static RecordingLibrary.Match match(String model, String prompt) {
    return RecordingLibrary.bundled().match(model, prompt);
  }

  @Test
  void exactAndNormalisedPromptsMatch() {
    for (String prompt : new String[] {"周树人和鲁迅是兄弟吗？", "周树人和鲁迅是兄弟吗?",
        " 周树人 和 鲁迅 是兄弟吗 ", "周树人和鲁迅是兄弟吗", "「周树人」和『鲁迅』是兄弟吗？！"}) {
      assertThat(match("gpt-4o-mini", prompt)).as(prompt).isEqualTo(new RecordingLibrary.Match(
          BundledRecordingsGenerator.LUXUN, RecordingLibrary.Kind.EXACT, 1));
    }
    for (String prompt : new String[] {"why is the sky blue", "WHY IS THE SKY BLUE?!",
        "Ｗｈｙ ｉｓ ｔｈｅ ｓｋｙ ｂｌｕｅ？", "why\tis the\nsky...blue"}) {
      assertThat(match(null, prompt).name()).as(prompt).isEqualTo(BundledRecordingsGenerator.SKY);
      assertThat(match(null, prompt).kind()).isEqualTo(RecordingLibrary.Kind.EXACT);
    }
    assertThat(RecordingLibrary.normalise("Ｈｅｌｌｏ， Ｗｏｒｌｄ！")).isEqualTo("helloworld");
    assertThat(RecordingLibrary.normalise("周树人和鲁迅是兄弟吗？")).isEqualTo("周树人和鲁迅是兄弟吗");
    assertThat(RecordingLibrary.normalise("Straße")).isEqualTo("strasse");
  }

  @Test
  void nearPromptsMatchAtTheThresholdAndNoFurther() {
    RecordingLibrary.Match near = match("gpt-4o-mini", "周树人和鲁迅是不是兄弟？");
    assertThat(near.name()).isEqualTo(BundledRecordingsGenerator.LUXUN);
    assertThat(near.kind()).isEqualTo(RecordingLibrary.Kind.NEAR);
    assertThat(near.score()).isGreaterThanOrEqualTo(RecordingLibrary.NEAR_THRESHOLD).isLessThan(1);
    assertThat(match(null, "Why is the sky so blue?").name())
        .isEqualTo(BundledRecordingsGenerator.SKY);
    assertThat(match(null, "How can I reverse a string in Java?").name())
        .isEqualTo(BundledRecordingsGenerator.CODE);
    // related but different questions are not answered by the nearest recording
    for (String prompt : new String[] {"Why is the sea blue?", "鲁迅是谁？", "How do I reverse a list"
        + " in Python?", "hi", "hello world", "what is the capital of France?", "", "？！", " "}) {
      assertThat(match("gpt-4o-mini", prompt)).as(prompt).isEqualTo(RecordingLibrary.Match.NONE);
    }
    assertThat(match(null, null)).isEqualTo(RecordingLibrary.Match.NONE);
  }

  @Test
  void similarityIsTheDiceCoefficientOfCharacterBigrams() {
    assertThat(RecordingLibrary.similarity("night", "nacht")).isEqualTo(0.25);
    assertThat(RecordingLibrary.similarity("abc", "abc")).isEqualTo(1.0);
    assertThat(RecordingLibrary.similarity("aaaa", "aa")).isEqualTo(0.5); // bigrams count once each
    assertThat(RecordingLibrary.similarity("a", "a")).isEqualTo(1.0);
    assertThat(RecordingLibrary.similarity("a", "b")).isZero();
    assertThat(RecordingLibrary.similarity("😀😁", "😀😁x")).isEqualTo(2.0 / 3);
  }

  @Test
  void aModelNameThatNamesARecordingWinsOverThePrompt() {
    assertThat(match(BundledRecordingsGenerator.ERROR, "Why is the sky blue?")).isEqualTo(
        new RecordingLibrary.Match(BundledRecordingsGenerator.ERROR, RecordingLibrary.Kind.MODEL,
            1));
    assertThat(match("openai-gpt4o-mini-text-usage", "anything").name())
        .isEqualTo("openai-gpt4o-mini-text-usage");
    assertThat(RecordingLibrary.Kind.NONE.label()).isEqualTo("none");
  }

  @Test
  void directoryLibraryListsSseFiles(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("b.sse"), "data: b\n\n");
    Files.writeString(dir.resolve("a.sse"), "data: a\n\n");
    Files.writeString(dir.resolve("a.sse.json"), "{}");
    Files.writeString(dir.resolve("notes.txt"), "x");
    RecordingLibrary lib = RecordingLibrary.directory(dir);
    assertThat(lib.names()).containsExactly("a", "b");
    assertThat(lib.prompts()).isEmpty();
    assertThat(lib.get("a").warning()).contains("format is missing");
    assertThat(lib.get("a")).isSameAs(lib.get("a"));
    assertThat(lib.match("x", "a").found()).isFalse();
  }

  /** A recording made with {@code /record on} is matched by the question it was made with. */
  @Test
  void directoryRecordingsAreMatchedByTheirSidecarPrompt(@TempDir Path dir) throws IOException {
    Path sse = dir.resolve("mine.sse");
    try (RecordingWriter w = RecordingWriter.open(sse, Instant.EPOCH, 0)) {
      w.write(ByteBuffer.wrap("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8)), 1000);
      w.finish(new RecordedExchange("POST", "https://h/v1/chat/completions", "m", Map.of(), 200,
          Map.of(), "What is SSE?"), null);
    }
    Files.writeString(dir.resolve("other.sse"), "data: [DONE]\n\n");
    RecordingLibrary lib = RecordingLibrary.directory(dir);
    assertThat(lib.prompts()).containsExactly(Map.entry("mine", "What is SSE?"));
    assertThat(lib.match("gpt-4o", "what is sse").name()).isEqualTo("mine");
    assertThat(lib.match("other", "what is sse").name()).isEqualTo("other");
    assertThat(lib.match("gpt-4o", "what is JSON?").found()).isFalse();
  }
}
