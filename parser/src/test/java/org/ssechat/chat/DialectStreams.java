package org.ssechat.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ssechat.chat.ChatStreamDecoder.Dialect;
import org.ssechat.sse.testing.Chunkings;

/** Decodes a dialect's stream at every chunking and checks every transcript is the same. */
final class DialectStreams {

  private DialectStreams() {}

  static byte[] fixture(String name) {
    try (var in = DialectStreams.class.getResourceAsStream("/corpus/dialects/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The transcript of {@code sse} read whole, after checking that one byte per read, every
   * two-way split and seeded random reads give the same one; {@code more} listen to the whole read.
   */
  static Transcript decode(Dialect dialect, byte[] sse, ChatDeltaListener... more) {
    Transcript whole = Transcript.decode(dialect, sse, new int[] {sse.length}, more);
    for (Chunkings.Chunking ch : Chunkings.all(sse.length, 14L + sse.length)) {
      Transcript t = Transcript.decode(dialect, sse, ch.sizes());
      assertThat(t.lines).as("%s", ch).isEqualTo(whole.lines);
    }
    return whole;
  }

  static Transcript decode(Dialect dialect, String sse, ChatDeltaListener... more) {
    return decode(dialect, sse.getBytes(StandardCharsets.UTF_8), more);
  }

  /** One event per {@code (type, data)} pair ({@code type} null: no {@code event:} line). */
  static String sse(String... typeAndData) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < typeAndData.length; i += 2) {
      if (typeAndData[i] != null) {
        sb.append("event: ").append(typeAndData[i]).append('\n');
      }
      sb.append("data: ").append(typeAndData[i + 1]).append("\n\n");
    }
    return sb.toString();
  }

  /** A document through {@link ChatStreamDecoder#onDocument}. */
  static Transcript document(Dialect dialect, String json) {
    Transcript t = new Transcript();
    byte[] b = ("  " + json + "\n").getBytes(StandardCharsets.UTF_8);
    ChatStreamDecoder.of(dialect, t).onDocument(b, 0, b.length);
    return t;
  }

  static List<String> lines(Dialect dialect, String fixture) {
    return decode(dialect, fixture(fixture)).lines;
  }
}
