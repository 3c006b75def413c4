package org.ssechat.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ssechat.sse.testing.Chunkings;
import org.ssechat.sse.testing.Recorder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Every WHATWG conformance vector (copied from shared/sse-vectors.json) at every chunking: whole,
 * 1 byte, every split point (sampled above 4 KiB) and seeded random reads.
 */
class ConformanceVectorsTest {

  record Vector(String name, byte[] input, List<SseMessage> events, Long retry) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Vector> vectors() throws IOException {
    try (InputStream in = ConformanceVectorsTest.class.getResourceAsStream(
        "/vectors/sse-vectors.json")) {
      JsonNode root = new ObjectMapper().readTree(in);
      List<Vector> out = new ArrayList<>();
      for (JsonNode v : root) {
        List<SseMessage> events = new ArrayList<>();
        for (JsonNode e : v.get("events")) {
          JsonNode id = e.get("id");
          events.add(new SseMessage(e.get("event").asString(), e.get("data").asString(),
              id == null || id.isNull() ? null : id.asString()));
        }
        JsonNode retry = v.get("retry");
        out.add(new Vector(v.get("name").asString(),
            Base64.getDecoder().decode(v.get("input_b64").asString()), events,
            retry == null || retry.isNull() ? null : retry.asLong()));
      }
      return out;
    }
  }

  @Test
  void allVectorsAreLoaded() throws IOException {
    assertThat(vectors()).hasSizeGreaterThanOrEqualTo(81);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void zeroCopyMatchesAtEveryChunking(Vector v) {
    for (Chunkings.Chunking c : Chunkings.all(v.input().length, v.name().hashCode())) {
      Recorder.Result r = Recorder.run("zero-copy", v.input(), c);
      assertThat(r.events()).as("%s at %s", v.name(), c).containsExactlyElementsOf(v.events());
      assertThat(r.retry()).as("%s retry at %s", v.name(), c).isEqualTo(v.retry());
    }
  }
}
