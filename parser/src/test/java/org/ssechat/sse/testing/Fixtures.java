package org.ssechat.sse.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ssechat.sse.SseMessage;

/** Inline-fixture helpers: run one input through every chunking and check they all agree. */
public final class Fixtures {

  private Fixtures() {}

  /** UTF-8 bytes of {@code s}. */
  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Bytes given as unsigned ints, e.g. {@code bytes(0xEF, 0xBB, 0xBF)}. */
  public static byte[] bytes(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (byte) values[i];
    }
    return out;
  }

  /** Concatenation of byte arrays. */
  public static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /** A {@code message} event without an id. */
  public static SseMessage msg(String data) {
    return new SseMessage("message", data, null);
  }

  /**
   * Runs {@code input} through {@code parser} at every chunking of {@link Chunkings#all}, asserts
   * that each yields exactly {@code expected} and the same comments, retry and stream end as the
   * whole feed, and returns the whole-feed result for further checks.
   */
  public static Recorder.Result parseAll(String parser, byte[] input, SseMessage... expected) {
    Recorder.Result whole = null;
    for (Chunkings.Chunking c : Chunkings.all(input.length, input.length * 31L + 7)) {
      Recorder.Result r = Recorder.run(parser, input, c);
      assertThat(r.events()).as("events at %s", c).containsExactly(expected);
      if (whole == null) {
        whole = r;
      } else {
        assertThat(r.comments()).as("comments at %s", c).isEqualTo(whole.comments());
        assertThat(r.retry()).as("retry at %s", c).isEqualTo(whole.retry());
        assertThat(r.end()).as("stream end at %s", c).isEqualTo(whole.end());
      }
    }
    return whole;
  }

  /** {@link #parseAll(String, byte[], SseMessage...)} for the default parser. */
  public static Recorder.Result parseAll(byte[] input, SseMessage... expected) {
    return parseAll("zero-copy", input, expected);
  }

  /** {@link #parseAll(byte[], SseMessage...)} for a UTF-8 string input. */
  public static Recorder.Result parseAll(String input, SseMessage... expected) {
    return parseAll(utf8(input), expected);
  }

  /** Events of a list, for {@code containsExactly} with lists. */
  public static SseMessage[] events(List<SseMessage> list) {
    return list.toArray(SseMessage[]::new);
  }
}
