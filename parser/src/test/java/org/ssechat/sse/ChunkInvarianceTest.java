package org.ssechat.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.ssechat.sse.testing.Chunkings;
import org.ssechat.sse.testing.Recorder;
import org.ssechat.sse.testing.ReferenceParser;

/**
 * Generated streams (random mixes of fields, comments, CR / LF / CRLF, multi-byte and invalid
 * UTF-8, BOMs, NULs) give the same events, comments and retry at arbitrary chunkings as fed
 * whole, and the same as the String-based {@link ReferenceParser}.
 */
class ChunkInvarianceTest {

  private static final byte[][] ATOMS = {
      b("a"), b("xyz"), b(" "), b("  "), b(":"), b("\t"), b("0"), b("42"), b("é"), b("中文"),
      b("😀"), b("\0"), {(byte) 0x80}, {(byte) 0xFF}, {(byte) 0xE2, (byte) 0x82},
      {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, b("[DONE]"), b("{\"k\":\"v\"}"), b("\u2028"),
      b("\u0085")};
  private static final String[] NAMES = {
      "data", "data", "data", "data", "event", "event", "id", "id", "retry", "retry", "Data",
      "data ", " data", "foo", "\uFEFFdata"};
  private static final byte[][] EOLS = {b("\n"), b("\n"), b("\r"), b("\r\n")};

  @Property(tries = 400)
  void zeroCopyAgreesWithReferenceAtAnyChunking(@ForAll("streams") byte[] input,
      @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 1, max = 40) Integer> reads) {
    Recorder.Result expected = ReferenceParser.parse(input);
    Recorder.Result whole = Recorder.run("zero-copy", input, Chunkings.fixed("whole",
        input.length, Math.max(1, input.length)));
    Recorder.Result chunked = Recorder.run("zero-copy", input,
        Chunkings.cycled("reads", input.length, reads));

    assertThat(whole.events()).containsExactlyElementsOf(expected.events());
    assertThat(whole.comments()).containsExactlyElementsOf(expected.comments());
    assertThat(whole.retry()).isEqualTo(expected.retry());
    assertThat(chunked.events()).containsExactlyElementsOf(whole.events());
    assertThat(chunked.comments()).containsExactlyElementsOf(whole.comments());
    assertThat(chunked.retry()).isEqualTo(whole.retry());
    assertThat(chunked.end()).isEqualTo(whole.end());
  }

  @Property(tries = 200)
  void oneByteReadsEqualWholeFeed(@ForAll("streams") byte[] input) {
    Recorder.Result whole = Recorder.run("zero-copy", input, Chunkings.fixed("whole",
        input.length, Math.max(1, input.length)));
    Recorder.Result bytes = Recorder.run("zero-copy", input,
        Chunkings.fixed("1-byte", input.length, 1));
    assertThat(bytes).isEqualTo(whole);
  }

  @Provide
  Arbitrary<byte[]> streams() {
    Arbitrary<byte[]> value = Arbitraries.of(ATOMS).list().ofMaxSize(5).map(ChunkInvarianceTest::concat);
    Arbitrary<byte[]> eol = Arbitraries.of(EOLS);
    Arbitrary<byte[]> field = Combinators.combine(Arbitraries.of(NAMES),
        Arbitraries.of(":", ": ", ":  ", ""), value, eol)
        .as((name, sep, v, e) -> sep.isEmpty()
            ? concat(List.of(b(name), e)) : concat(List.of(b(name + sep), v, e)));
    Arbitrary<byte[]> comment = Combinators.combine(value, eol)
        .as((v, e) -> concat(List.of(b(":"), v, e)));
    Arbitrary<byte[]> blank = eol;
    Arbitrary<byte[]> junk = Combinators.combine(value, eol).as((v, e) -> concat(List.of(v, e)));
    Arbitrary<byte[]> line = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, field), net.jqwik.api.Tuple.of(5, blank),
        net.jqwik.api.Tuple.of(2, comment), net.jqwik.api.Tuple.of(1, junk));
    Arbitrary<byte[]> prefix = Arbitraries.of(b(""), b(""), b("\uFEFF"), b("\uFEFF\uFEFF"),
        new byte[] {(byte) 0xEF, (byte) 0xBB});
    Arbitrary<byte[]> tail = Arbitraries.of(b(""), b(""), b("data: cut"), b("\r"), b("id: 9"));
    return Combinators.combine(prefix, line.list().ofMaxSize(30), tail)
        .as((p, lines, t) -> {
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          out.writeBytes(p);
          lines.forEach(out::writeBytes);
          out.writeBytes(t);
          return out.toByteArray();
        });
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }
}
