package org.ssechat.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssechat.sse.testing.Chunkings;
import org.ssechat.sse.testing.Gen;
import org.ssechat.sse.testing.Property;
import org.ssechat.sse.testing.Recorder;
import org.ssechat.sse.testing.ReferenceParser;
import org.ssechat.sse.testing.Shrink;

/**
 * Generated streams (random mixes of fields, comments, CR / LF / CRLF, multi-byte and invalid
 * UTF-8, BOMs, NULs) give the same events, comments and retry at arbitrary chunkings as fed
 * whole, and the same as the String-based {@link ReferenceParser}.
 *
 * <p>Seeded generators on plain JUnit ({@link Gen}, {@link Property}): 400 and 200 cases, as the
 * jqwik version ran; a failure prints its seed and the input shrunk by bytes and read sizes.
 * Planted bugs they catch, with the shrunk input:
 * <ul>
 *   <li>the LF of a CRLF cut by a read end not skipped: both properties, {@code "data\r\n"};</li>
 *   <li>a CRLF inside one read ending two lines: both, {@code "data\r\n"};</li>
 *   <li>the bytes of a BOM prefix lost when a read ends inside it and it is no BOM: the chunking
 *       property, the bytes {@code EF 3A 0A} (a first BOM byte alone) at small reads.</li>
 * </ul>
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

  /** One generated stream and the read sizes to cut it into (cycled). */
  record Case(byte[] input, List<Integer> reads) {
    @Override
    public String toString() {
      return Property.show(input) + " read as " + reads;
    }
  }

  static final Gen<byte[]> STREAMS = streams();
  static final Shrink<Case> SHRINK = Shrink.both(
      Shrink.part(Case::input, (c, in) -> new Case(in, c.reads()), Shrink.bytes()),
      Shrink.part(Case::reads, (c, r) -> r.isEmpty() ? c : new Case(c.input(), r),
          Shrink.list(Shrink.positive())));

  /** 400 streams, each whole, at its reads and against the reference parser. */
  @Test
  void zeroCopyAgreesWithReferenceAtAnyChunking() {
    Gen<Case> cases = Gen.combine(STREAMS, Gen.ints(1, 40).list(1, 12), Case::new);
    Property.forAll("zeroCopyAgreesWithReferenceAtAnyChunking", 400, cases, SHRINK, c -> {
      byte[] input = c.input();
      Recorder.Result expected = ReferenceParser.parse(input);
      Recorder.Result whole = Recorder.run("zero-copy", input, Chunkings.fixed("whole",
          input.length, Math.max(1, input.length)));
      Recorder.Result chunked = Recorder.run("zero-copy", input,
          Chunkings.cycled("reads", input.length, c.reads()));

      assertThat(whole.events()).containsExactlyElementsOf(expected.events());
      assertThat(whole.comments()).containsExactlyElementsOf(expected.comments());
      assertThat(whole.retry()).isEqualTo(expected.retry());
      assertThat(chunked.events()).containsExactlyElementsOf(whole.events());
      assertThat(chunked.comments()).containsExactlyElementsOf(whole.comments());
      assertThat(chunked.retry()).isEqualTo(whole.retry());
      assertThat(chunked.end()).isEqualTo(whole.end());
    });
  }

  /** 200 streams, one byte per read. */
  @Test
  void oneByteReadsEqualWholeFeed() {
    Property.forAll("oneByteReadsEqualWholeFeed", 200, STREAMS, Shrink.bytes(), input -> {
      Recorder.Result whole = Recorder.run("zero-copy", input, Chunkings.fixed("whole",
          input.length, Math.max(1, input.length)));
      Recorder.Result bytes = Recorder.run("zero-copy", input,
          Chunkings.fixed("1-byte", input.length, 1));
      assertThat(bytes).isEqualTo(whole);
    });
  }

  /**
   * Streams of up to 30 lines: fields (with every separator spelling and odd names), blank lines,
   * comments and junk, with CR, LF or CRLF, values made of multi-byte, invalid and boundary
   * UTF-8 atoms; optionally after BOMs and before a cut last line.
   */
  private static Gen<byte[]> streams() {
    Gen<byte[]> value = Gen.of(ATOMS).list(0, 5).map(ChunkInvarianceTest::concat);
    Gen<byte[]> eol = Gen.of(EOLS);
    Gen<String> sep = Gen.of(":", ": ", ":  ", "");
    Gen<String> name = Gen.of(NAMES);
    Gen<byte[]> field = r -> {
      String n = name.next(r);
      String sp = sep.next(r);
      byte[] v = value.next(r);
      byte[] e = eol.next(r);
      return sp.isEmpty() ? concat(List.of(b(n), e)) : concat(List.of(b(n + sp), v, e));
    };
    Gen<byte[]> comment = Gen.combine(value, eol, (v, e) -> concat(List.of(b(":"), v, e)));
    Gen<byte[]> junk = Gen.combine(value, eol, (v, e) -> concat(List.of(v, e)));
    Gen<byte[]> line = Gen.frequency(8, field, 5, eol, 2, comment, 1, junk);
    Gen<byte[]> prefix = Gen.of(b(""), b(""), b("\uFEFF"), b("\uFEFF\uFEFF"),
        new byte[] {(byte) 0xEF, (byte) 0xBB});
    Gen<byte[]> tail = Gen.of(b(""), b(""), b("data: cut"), b("\r"), b("id: 9"));
    return r -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.writeBytes(prefix.next(r));
      line.list(0, 30).next(r).forEach(out::writeBytes);
      out.writeBytes(tail.next(r));
      return out.toByteArray();
    };
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
