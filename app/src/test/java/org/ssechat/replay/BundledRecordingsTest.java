package org.ssechat.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    assertThat(total).isLessThan(300 * 1024);
    assertThat(lib.rotation()).contains(BundledRecordingsGenerator.WELCOME,
        BundledRecordingsGenerator.CHINESE).doesNotContain(BundledRecordingsGenerator.ERROR,
        BundledRecordingsGenerator.TRUNCATED);
    String sources = Files.readString(SRC.resolve("SOURCES.md"));
    for (String n : lib.names()) {
      assertThat(sources).as("SOURCES.md names " + n).contains("`" + n + ".sse`");
    }
  }

  @Test
  void selectionByModelNameElseStableHashOfPrompt() {
    RecordingLibrary lib = RecordingLibrary.bundled();
    assertThat(lib.select(BundledRecordingsGenerator.ERROR, "anything"))
        .isEqualTo(BundledRecordingsGenerator.ERROR);
    Map<String, Integer> hits = new HashMap<>();
    for (int i = 0; i < 200; i++) {
      String prompt = "question " + i;
      String pick = lib.select("gpt-4o-mini", prompt);
      assertThat(lib.select(null, prompt)).isEqualTo(pick);
      assertThat(lib.rotation()).contains(pick);
      hits.merge(pick, 1, Integer::sum);
    }
    assertThat(hits.keySet()).containsExactlyInAnyOrderElementsOf(lib.rotation());
    // FNV-1a 64 of "" is the offset basis; pinned so the rule cannot change silently.
    assertThat(RecordingLibrary.fnv1a("")).isEqualTo(0xcbf29ce484222325L);
    assertThat(RecordingLibrary.fnv1a("a")).isEqualTo(0xaf63dc4c8601ec8cL);
  }

  @Test
  void directoryLibraryListsSseFiles(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("b.sse"), "data: b\n\n");
    Files.writeString(dir.resolve("a.sse"), "data: a\n\n");
    Files.writeString(dir.resolve("a.sse.json"), "{}");
    Files.writeString(dir.resolve("notes.txt"), "x");
    RecordingLibrary lib = RecordingLibrary.directory(dir);
    assertThat(lib.names()).containsExactly("a", "b");
    assertThat(lib.rotation()).containsExactly("a", "b");
    assertThat(lib.get("a").warning()).contains("format is missing");
    assertThat(lib.get("a")).isSameAs(lib.get("a"));
  }
}
