package org.ssechat.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssechat.record.RecordedExchange;
import org.ssechat.record.Recording;
import org.ssechat.record.RecordingWriter;

/** What the client's recorder writes, this reader reads, and replay paces it as recorded. */
class RecorderCompatibilityTest {

  @Test
  void recorderOutputReplaysWithItsReadsAndTimes(@TempDir Path dir) throws IOException,
      InterruptedException {
    Path file = dir.resolve("live.sse");
    long start = 1_000_000_000L;
    String[] reads = {"data: {\"choices\":[{\"delta\":{\"content\":\"he", "llo\"}}]}\n\n",
        "data: [DONE]\n\n"};
    long[] at = {start + 350_000_000L, start + 420_000_000L, start + 1_420_000_000L};
    try (RecordingWriter w = RecordingWriter.open(file, Instant.parse("2026-11-24T19:00:00Z"),
        start)) {
      for (int i = 0; i < reads.length; i++) {
        w.write(ByteBuffer.wrap(reads[i].getBytes(StandardCharsets.UTF_8)), at[i]);
        w.write(ByteBuffer.allocate(0), at[i]); // the HTTP client may hand over empty buffers
      }
      w.finish(new RecordedExchange("POST", "https://api.example.com/v1/chat/completions",
          "gpt-test", Map.of("Authorization", "Bearer sk-secret"), 200,
          Map.of("content-type", List.of("text/event-stream")),
          "Ｈｅｌｌｏ！ (key sk-secret)"), "sk-secret");
    }
    Recording rec = Recording.load(file);
    assertThat(rec.warning()).isNull();
    assertThat(rec.providerHost()).isEqualTo("api.example.com");
    assertThat(rec.model()).isEqualTo("gpt-test");
    assertThat(rec.prompt()).isEqualTo("Ｈｅｌｌｏ！ (key <redacted>)");
    assertThat(rec.reads()).extracting(Recording.Read::size).doesNotContain(0);
    assertThat(rec.reads()).extracting(Recording.Read::tUs)
        .containsExactly(350_000L, 420_000L, 1_420_000L);
    assertThat(rec.maxGapUs()).isEqualTo(1_000_000L);
    assertThat(Files.readString(dir.resolve("live.sse.json"))).doesNotContain("sk-secret");

    FakeClock clock = new FakeClock();
    StringBuilder got = new StringBuilder();
    new Player(clock).play(rec.body(), ReadPlan.original(rec, Speed.parse("2")),
        (b, off, len) -> got.append(new String(b, off, len, StandardCharsets.UTF_8)),
        new CountDownLatch(1));
    assertThat(got.toString()).isEqualTo(String.join("", reads));
    assertThat(clock.waits).containsExactly(35_000_000L, 500_000_000L);
  }
}
