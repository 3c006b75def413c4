package org.ssechat.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ssechat.sse.testing.Fixtures.collected;
import static org.ssechat.sse.testing.Fixtures.msg;
import static org.ssechat.sse.testing.Fixtures.parseAll;
import static org.ssechat.sse.testing.Fixtures.utf8;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssechat.sse.testing.Chunkings;
import org.ssechat.sse.testing.Recorder;
import org.ssechat.sse.testing.ReferenceParser;

/**
 * Lines cut by the end of a read and finished by later reads. A cut data line streams into the
 * event's data, and a read that only extends it takes the parser's fast path; any other cut line
 * is held whole and parsed when it ends. Every fixture runs at every chunking of
 * {@link Chunkings#all} (whole, 1-byte, every split point, random) plus reads of every fixed
 * size up to 40 bytes and mixed patterns, so both paths see every cut position, several reads in
 * a row.
 */
class CarriedLinesTest {

  /** Every chunking this class runs: the standard ones plus fixed and mixed small reads. */
  private static List<Chunkings.Chunking> chunkings(int n) {
    List<Chunkings.Chunking> out = new ArrayList<>(Chunkings.all(n, n * 17L + 3));
    for (int size = 2; size <= 40; size++) {
      out.add(Chunkings.fixed("fixed-" + size, n, size));
    }
    out.add(Chunkings.cycled("mixed", n, List.of(1, 7, 16, 3, 64, 5)));
    out.add(Chunkings.cycled("mixed", n, List.of(13, 1, 1, 250)));
    return out;
  }

  /** Runs {@code input} at every chunking: each agrees with the reference and the whole feed. */
  private static Recorder.Result agreesEverywhere(byte[] input, SseLimits limits) {
    Recorder.Result expected = ReferenceParser.parse(input);
    Recorder.Result whole = Recorder.run("zero-copy", input,
        Chunkings.fixed("whole", input.length, Math.max(1, input.length)), limits);
    for (Chunkings.Chunking c : chunkings(input.length)) {
      Recorder.Result r = Recorder.run("zero-copy", input, c, limits);
      assertThat(r.events()).as("events at %s", c).containsExactlyElementsOf(expected.events());
      assertThat(r.comments()).as("comments at %s", c).isEqualTo(expected.comments());
      assertThat(r.retry()).as("retry at %s", c).isEqualTo(expected.retry());
      assertThat(r.end()).as("stream end at %s", c).isEqualTo(whole.end());
    }
    return whole;
  }

  /** Runs {@code input} at every chunking: each fails with {@code limit} at {@code offset}. */
  private static void failsEverywhere(byte[] input, SseLimits limits,
      SseLimitException.Limit limit, long offset) {
    for (Chunkings.Chunking c : chunkings(input.length)) {
      assertThatThrownBy(() -> Recorder.run("zero-copy", input, c, limits))
          .as("%s", c).isInstanceOfSatisfying(SseLimitException.class, e -> {
            assertThat(e.limit()).isEqualTo(limit);
            assertThat(e.offset()).isEqualTo(offset);
          });
    }
  }

  @Test
  void dataLinesOfEveryShapeCutAnywhere() {
    byte[] input = utf8("data: first\n\n"
        + "data:no-space\ndata: second\r\ndata:\r\ndata: \n\n"
        + ": a comment cut somewhere\nevent: named\nid: 7\nretry: 250\n"
        + "data: é中😀 " + "x".repeat(100) + "\rdata\n\n"
        + "data:  two spaces, one kept\n\n"
        + "dataX: not data\ndatum: nor this\ndata\n\n"
        + "data: [DONE]\n\n");
    Recorder.Result r = agreesEverywhere(input, SseLimits.DEFAULTS);
    assertThat(r.events()).hasSize(6);
    assertThat(r.events().get(1).data()).isEqualTo("no-space\nsecond\n\n");
    assertThat(r.events().get(2)).isEqualTo(
        new SseMessage("named", "é中😀 " + "x".repeat(100) + "\n", "7"));
    assertThat(r.events().get(3).data()).isEqualTo(" two spaces, one kept");
    assertThat(r.end().truncated()).isFalse();
  }

  @Test
  void aLineCutJustBeforeOrAfterItsPrefixOrLineEnd() {
    // Each read boundary of the every-split-point chunking lands once after "d", "da", ...,
    // "data:", "data: ", inside the value, and between the CR and the LF.
    for (String event : List.of("data:\n\n", "data: \n\n", "data:x\n\n", "data: x\r\n\r\n",
        "data: xy\r\r", "data:  x\n\n", "data: 0123456789abcdef\r\ndata: g\r\n\r\n")) {
      agreesEverywhere(utf8(event + event), SseLimits.DEFAULTS);
    }
    parseAll("data\n\ndata:\n\n", msg(""), msg(""));
  }

  @Test
  void crAndLfSplitAcrossReadsAfterACarriedLine() {
    parseAll("data: a\r\n\r\ndata: bb\r\rdata: ccc\n\r\ndata: dddd\r\n\n",
        msg("a"), msg("bb"), msg("ccc"), msg("dddd"));
    // A CR that ends a read ends the carried line at once; the LF in the next read is skipped.
    parseAll("data: " + "v".repeat(40) + "\r\n\r\n", msg("v".repeat(40)));
  }

  @Test
  void anEventWhoseDataSpansManyTinyReads() {
    // 6 lines of 500 to 3,000 bytes: the data buffer grows while a line is carried, so the fast
    // path gives way to the general one and back, at every read size.
    StringBuilder sb = new StringBuilder();
    StringBuilder want = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      String value = ("line " + i + " ").repeat(60 + i * 50);
      sb.append(i % 2 == 0 ? "data: " : "data:").append(value).append(i % 3 == 0 ? "\r\n" : "\n");
      want.append(want.length() == 0 ? "" : "\n").append(value);
    }
    byte[] input = utf8(sb + "\n" + sb + "\n");
    for (int size = 1; size <= 17; size++) {
      Recorder.Result r = Recorder.run("zero-copy", input,
          Chunkings.fixed("fixed", input.length, size));
      assertThat(r.events()).as("reads of %d", size)
          .containsExactly(msg(want.toString()), msg(want.toString()));
    }
    agreesEverywhere(input, SseLimits.DEFAULTS);
  }

  @Test
  void aCarriedDataLineOverTheLineLimitFailsAtItsOffsetAtEveryChunking() {
    failsEverywhere(utf8("data: ok\n\ndata: " + "x".repeat(30) + "\n\n"), new SseLimits(20, 1000),
        SseLimitException.Limit.LINE, 10);
    // At the limit exactly (the line end does not count) it parses, at every chunking.
    agreesEverywhere(utf8("data: ok\n\ndata: " + "x".repeat(14) + "\n\n"), new SseLimits(20, 1000));
  }

  @Test
  void aCarriedDataLineOverTheEventLimitFailsAtTheEventOffsetAtEveryChunking() {
    byte[] input = utf8("data: a\n\nevent: t\ndata: 123456\ndata: 789\n\n");
    // The event starts at its event: line, offset 9.
    failsEverywhere(input, new SseLimits(100, 10), SseLimitException.Limit.EVENT, 9);
    // type t + 123456 + LF + 789 = 11 bytes; at 11 it fits, at every chunking.
    Recorder.Result ok = agreesEverywhere(input, new SseLimits(100, 11));
    assertThat(ok.events()).containsExactly(msg("a"), new SseMessage("t", "123456\n789", null));
  }

  @Test
  void aCarriedLineOverBothLimitsIsALineErrorWhereverItIsCut() {
    // The event limit breaks after 10 bytes of value, the line limit only after 20 bytes of line:
    // the error must not depend on whether the reads let the parser see the event limit first.
    failsEverywhere(utf8("data: " + "y".repeat(40) + "\n\n"), new SseLimits(20, 10),
        SseLimitException.Limit.LINE, 0);
  }

  @Test
  void endOfInputInsideACarriedDataLine() {
    // The unterminated line is discarded unprocessed: it alone does not make a pending event.
    Recorder.Result alone = parseAll("data: a\n\ndata: par", msg("a"));
    assertThat(alone.end()).isEqualTo(new SseStreamEnd(18, 9, false));
    Recorder.Result joined = parseAll("data: a\ndata: par");
    assertThat(joined.end()).isEqualTo(new SseStreamEnd(17, 9, true));
    Recorder.Result prefix = parseAll("data: a\n\ndat", msg("a"));
    assertThat(prefix.end()).isEqualTo(new SseStreamEnd(12, 3, false));
  }

  @Test
  void aCarriedDataLineKeepsNoViewOfTheRead() {
    Recorder rec = new Recorder();
    SseParser p = SseParsers.create(rec);
    // A pending data view, then a second data line cut by the end of the same read.
    for (String read : List.of("data: x\ndata: ab", "c", "d\n", "data: e")) {
      byte[] bytes = utf8(read);
      WeakReference<byte[]> ref = new WeakReference<>(bytes);
      p.feed(bytes, 0, bytes.length);
      bytes = null;
      assertThat(collected(ref)).as("parser still holds the read '%s'", read).isTrue();
    }
    p.feed(utf8("f\n\n"), 0, 3);
    assertThat(rec.events).containsExactly(msg("x\nabcd\nef"));
  }
}
