package org.ssechat.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssechat.record.Recording;

class RecordingTest {
  @TempDir Path dir;

  private static final byte[] BODY = "data: a\n\ndata: b\n\n".getBytes(StandardCharsets.UTF_8);

  private static String sidecar(String format, int version, String reads) {
    return "{\"format\":\"" + format + "\",\"version\":" + version
        + ",\"request\":{\"url\":\"https://api.example.com/v1/chat/completions\","
        + "\"model\":\"m1\"},\"reads\":" + reads + "}";
  }

  private Path write(String sidecarJson) throws IOException {
    Path f = dir.resolve("x.sse");
    Files.write(f, BODY);
    if (sidecarJson != null) {
      Files.writeString(dir.resolve("x.sse.json"), sidecarJson);
    }
    return f;
  }

  @Test
  void plainCaptureHasNoTiming() throws IOException {
    Recording r = Recording.load(write(null));
    assertThat(r.name()).isEqualTo("x");
    assertThat(r.body()).isEqualTo(BODY);
    assertThat(r.hasTiming()).isFalse();
    assertThat(r.warning()).isNull();
    assertThat(r.maxGapUs()).isEqualTo(-1);
    assertThat(r.providerHost()).isNull();
  }

  @Test
  void sidecarGivesReadsOffsetsAndHost() throws IOException {
    Recording r = Recording.load(write(sidecar("ssechat-recording", 1,
        "[[1000,5],[1500,4],[9000,9]]")));
    assertThat(r.warning()).isNull();
    assertThat(r.reads()).containsExactly(new Recording.Read(0, 5, 1000),
        new Recording.Read(5, 4, 1500), new Recording.Read(9, 9, 9000));
    assertThat(r.maxGapUs()).isEqualTo(7500);
    assertThat(r.providerHost()).isEqualTo("api.example.com");
    assertThat(r.model()).isEqualTo("m1");
  }

  @Test
  void brokenSidecarsFallBackWithOneLineWarning() throws IOException {
    String[] bad = {
        "{not json",
        sidecar("other-format", 1, "[[0,18]]"),
        sidecar("ssechat-recording", 2, "[[0,18]]"),
        sidecar("ssechat-recording", 1, "[[0,17]]"),
        sidecar("ssechat-recording", 1, "[[0,9],[5]]"),
        sidecar("ssechat-recording", 1, "[[10,9],[5,9]]"),
        sidecar("ssechat-recording", 1, "[[0,0],[5,18]]"),
    };
    String[] why = {"not valid JSON", "format is 'other-format'", "unsupported version 2",
        "add up to 17 bytes, the body has 18", "read #1 is not", "bad size or time",
        "bad size or time"};
    for (int i = 0; i < bad.length; i++) {
      Recording r = Recording.load(write(bad[i]));
      assertThat(r.hasTiming()).as(bad[i]).isFalse();
      assertThat(r.body()).isEqualTo(BODY);
      assertThat(r.warning()).as(bad[i]).contains(why[i]).contains("x.sse.json")
          .contains("without pacing").doesNotContain("\n");
    }
  }

  @Test
  void missingFileIsOneLineError() {
    assertThatThrownBy(() -> Recording.load(dir.resolve("nope.sse")))
        .isInstanceOf(NoSuchFileException.class).hasMessageContaining("nope.sse");
  }

  @Test
  void everyGeneratedSidecarIsValid() throws IOException {
    RecordingLibrary lib = RecordingLibrary.bundled();
    for (String name : lib.names()) {
      Recording r = lib.get(name);
      assertThat(r.warning()).as(name).isNull();
      assertThat(r.hasTiming()).as(name).isEqualTo(name.startsWith("ssechat-"));
    }
  }
}
