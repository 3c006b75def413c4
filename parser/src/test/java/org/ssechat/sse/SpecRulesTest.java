package org.ssechat.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ssechat.sse.testing.Fixtures.bytes;
import static org.ssechat.sse.testing.Fixtures.concat;
import static org.ssechat.sse.testing.Fixtures.msg;
import static org.ssechat.sse.testing.Fixtures.parseAll;
import static org.ssechat.sse.testing.Fixtures.utf8;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssechat.sse.testing.Recorder;

/**
 * One test per rule R1–R25 of the SSE spec as docs/sse-parser.md numbers them (its spec-rule
 * table maps each rule to its test here; WHATWG HTML §9.2.5–9.2.6). Every fixture runs at every chunking (whole, 1-byte, every split point, random
 * reads) through {@code Fixtures.parseAll}, which also checks comments, retry and stream end agree.
 */
class SpecRulesTest {

  private static SseMessage ev(String type, String data, String id) {
    return new SseMessage(type, data, id);
  }

  @Test
  void r01AlwaysUtf8() {
    // Multi-byte UTF-8 decodes as UTF-8; a lone Latin-1 byte (windows-1252 "é") is not accepted.
    parseAll("data: é中😀\n\n", msg("é中😀"));
    parseAll(bytes('d', 'a', 't', 'a', ':', 0xE9, '\n', '\n'), msg("\uFFFD"));
  }

  @Test
  void r02OneLeadingBomStrippedOnly() {
    parseAll("\uFEFFdata: 1\n\n", msg("1"));
    // Two BOMs: the second makes the first field "\uFEFFdata", unknown, so event 1 is lost.
    parseAll("\uFEFF\uFEFFdata: 1\n\ndata: 2\n\n", msg("2"));
    // A BOM later in the stream is content.
    parseAll("data: 1\n\n\uFEFFdata: 2\n\ndata: \uFEFF3\n\n", msg("1"), msg("\uFEFF3"));
    // Half a BOM is content too (then ill-formed: one U+FFFD for EF BB).
    parseAll(concat(bytes(0xEF, 0xBB), utf8("\ndata: x\n\n")), msg("x"));
    Recorder.Result r = parseAll(concat(bytes(0xEF, 0xBB), utf8(":c\n")));
    assertThat(r.comments()).isEmpty();
  }

  @Test
  void r03DecodingNeverFailsOneReplacementPerMaximalSubpart() {
    record Case(byte[] value, String expected) {}
    List<Case> cases = List.of(
        new Case(bytes(0x80), "\uFFFD"),
        new Case(bytes(0xE2, 0x82), "\uFFFD"),
        new Case(bytes(0xF0, 0x9F, 0x98, 'x'), "\uFFFDx"),
        new Case(bytes(0xC0, 0xAF), "\uFFFD\uFFFD"),
        new Case(bytes(0xED, 0xA0, 0x80), "\uFFFD\uFFFD\uFFFD"),
        new Case(bytes(0xF4, 0x90, 0x80, 0x80), "\uFFFD\uFFFD\uFFFD\uFFFD"),
        new Case(bytes(0xFF, 0xFE), "\uFFFD\uFFFD"));
    for (Case c : cases) {
      parseAll(concat(utf8("data: "), c.value(), utf8("\n\n")), msg(c.expected()));
      parseAll(concat(utf8("event: "), c.value(), utf8("\ndata\n\n")), ev(c.expected(), "", null));
    }
    // Field names decode too: "d\x80ta" is not "data".
    parseAll(concat(bytes('d', 0x80, 't', 'a'), utf8(": x\n\ndata: y\n\n")), msg("y"));
    // A UTF-16 BOM is not special: FF FE is garbage in the first field name.
    parseAll(concat(bytes(0xFF, 0xFE), utf8("data: 1\n\ndata: 2\n\n")), msg("2"));
  }

  @Test
  void r04ResultDoesNotDependOnChunking() {
    // Everything that can be split is here: BOM, CRLF, multi-byte chars, field names, a final CR.
    byte[] input = utf8("\uFEFFda" + "ta: ü中😀\r\nevent: tÿpe\r\nid: ïd\r\n\r\n"
        + "data: a\rdata: b\r\rretry: 12\r\n:cömment\n\n");
    Recorder.Result r = parseAll(input, ev("tÿpe", "ü中😀", "ïd"), ev("message", "a\nb", "ïd"));
    assertThat(r.retry()).isEqualTo(12L);
    assertThat(r.comments()).containsExactly("cömment");
  }

  @Test
  void r05ThreeLineTerminators() {
    parseAll("data: a\r\ndata: b\rdata: c\n\n", msg("a\nb\nc"));
    // "\n\r" is two terminators (LF, then CR ends an empty line).
    parseAll("data: x\n\rdata: y\n\n", msg("x"), msg("y"));
    // "\r\r\n" is two terminators too: CR, then CRLF.
    parseAll("data: x\r\r\ndata: y\r\n\r\n", msg("x"), msg("y"));
    parseAll("data: x\r\rdata: y\r\r", msg("x"), msg("y"));
  }

  @Test
  void r06CrEndsTheLineAtOnceEvenAsLastByteOfARead() {
    Recorder rec = new Recorder();
    SseParser p = SseParsers.create(rec);
    p.feed(utf8("data: x\n\r"), 0, 9);
    assertThat(rec.events).as("dispatched without waiting for the next read").containsExactly(msg("x"));
    // The LF that starts the next read belongs to that CR; it is not another empty line.
    p.feed(utf8("\ndata: y\r"), 0, 9);
    p.feed(utf8("\n\r"), 0, 2);
    assertThat(rec.events).containsExactly(msg("x"), msg("y"));
    parseAll("data: a\r\ndata: b\r\n\r\n", msg("a\nb"));
  }

  @Test
  void r07EndOfStreamDiscardsPendingData() {
    Recorder.Result r = parseAll("data: x");
    assertThat(r.end()).isEqualTo(new SseStreamEnd(7, 7, false));
    r = parseAll("data: x\n");
    assertThat(r.end()).isEqualTo(new SseStreamEnd(8, 0, true));
    // An unterminated retry or id is not processed at all.
    assertThat(parseAll("data: a\n\nretry: 5", msg("a")).retry()).isNull();
    parseAll("data: a\n\nid: 5\ndata: b\n", msg("a"));
    // A CR as the very last byte is a complete terminator.
    parseAll("data: x\n\r", msg("x"));
    parseAll("data: x\r", new SseMessage[0]);
  }

  @Test
  void r08OnlyCrAndLfAreSpecial() {
    String odd = "\0\t\013\f\u0085\u2028\u2029\u001c\u001d\u001e";
    parseAll("data:" + odd + "\n\n", msg(odd));
    parseAll("data:\0\n\n", msg("\0"));
  }

  @Test
  void r09EmptyLineDispatches() {
    parseAll("data: a\n\ndata: b\n\n", msg("a"), msg("b"));
    parseAll("data: a\n\n\n\n\ndata: b\r\n\r\n", msg("a"), msg("b"));
  }

  @Test
  void r10ColonFirstIsACommentWhateverFollows() {
    Recorder.Result r = parseAll(": ping\n:data: x\n\n:\ndata: y\n:inside\n\n", msg("y"));
    assertThat(r.comments()).containsExactly(" ping", "data: x", "", "inside");
  }

  @Test
  void r11SplitAtFirstColonAndDropExactlyOneSpace() {
    parseAll("data:test\n\ndata: test\n\ndata:  two\n\ndata:\ttab\n\ndata: a:b \n\n",
        msg("test"), msg("test"), msg(" two"), msg("\ttab"), msg("a:b "));
    parseAll("event:  x\ndata\n\n", ev(" x", "", null));
  }

  @Test
  void r12LineWithoutColonIsAFieldWithEmptyValue() {
    parseAll("data\n\n", msg(""));
    parseAll("id: 1\ndata: a\n\nid\ndata: b\n\n", ev("message", "a", "1"), ev("message", "b", ""));
    parseAll("event: x\nevent\ndata: a\n\n", msg("a"));
    assertThat(parseAll("retry: 5\nretry\ndata: a\n\n", msg("a")).retry()).isEqualTo(5L);
  }

  @Test
  void r13FieldNamesAreComparedLiterally() {
    String unknown = String.join("\n", "Data: 1", "DATA: 2", " data: 3", "data : 4", "data\0: 5",
        "da-ta: 6", "data_5: 7", "database: 8", "Event: x", "eventually: y", "identity: 9",
        "ID: 9", "retrying: 10", "Retry: 11", "");
    Recorder.Result r = parseAll(unknown + "\ndata: ok\n\n", msg("ok"));
    assertThat(r.retry()).isNull();
    parseAll(unknown + "\n", new SseMessage[0]);
  }

  @Test
  void r14EventSetsTheTypeLastOneWinsEvenEmpty() {
    parseAll("event: a\nevent: b\ndata: x\n\n", ev("b", "x", null));
    parseAll("event: a\nevent:\ndata: x\n\n", msg("x"));
    parseAll("data: x\nevent: late\n\n", ev("late", "x", null));
  }

  @Test
  void r15DataAppendsValueAndLf() {
    parseAll("data: a\ndata: b\ndata: c\n\n", msg("a\nb\nc"));
    parseAll("data: a\n:comment\nid: 1\ndata: b\n\n", ev("message", "a\nb", "1"));
  }

  @Test
  void r16IdWithoutNulSetsTheBufferWithNulIsIgnored() {
    parseAll("id: 1\ndata: a\n\nid: x\0\ndata: b\n\nid:\0\0\ndata: c\n\nid: \0\ndata: d\n\n",
        ev("message", "a", "1"), ev("message", "b", "1"), ev("message", "c", "1"),
        ev("message", "d", "1"));
    parseAll("id: 1\ndata: a\n\nid:\ndata: b\n\n", ev("message", "a", "1"), ev("message", "b", ""));
    parseAll("id: é\ndata: a\n\n", ev("message", "a", "é"));
  }

  @Test
  void r17RetryOnlyAsciiDigitsAppliedWhenTheLineIsRead() {
    assertThat(parseAll("retry: 03000\n").retry()).isEqualTo(3000L);
    for (String bogus : List.of("1000x", "+1", "-1", "  1", "1 ", "1.5", "1e3", "0x10", "1_000",
        "١٢٣", "１２", "", "99999999999999999999999")) {
      assertThat(parseAll("retry:" + (bogus.startsWith(" ") ? bogus : " " + bogus) + "\n").retry())
          .as("retry '%s'", bogus).isNull();
    }
    // Applied in a block that is never dispatched, and reported each time a valid one is read.
    List<Long> seen = new ArrayList<>();
    SseParser p = SseParsers.create("zero-copy", new SseListener() {
      @Override
      public void onEvent(SseEvent e) {}

      @Override
      public void onRetry(long millis) {
        seen.add(millis);
      }
    }, SseLimits.DEFAULTS);
    byte[] in = utf8("retry: 10\nretry: x\nretry: 20\n");
    p.feed(in, 0, in.length);
    assertThat(seen).containsExactly(10L, 20L);
    assertThat(p.retryMillis()).isEqualTo(20L);
    assertThat(p.endOfInput().discardedEvent()).isFalse();
    assertThat(p.retryMillis()).as("retry survives end of input").isEqualTo(20L);
  }

  @Test
  void r18OtherFieldNamesAreIgnored() {
    parseAll("foo: bar\ndata: x\nbar\nx:y:z\n\n", msg("x"));
  }

  @Test
  void r19BlankLineCopiesTheIdEvenWithoutData() {
    parseAll("id: 1\n\ndata: x\n\n", ev("message", "x", "1"));
    Recorder rec = new Recorder();
    SseParser p = SseParsers.create(rec);
    byte[] in = utf8("id: 2\n");
    p.feed(in, 0, in.length);
    assertThat(p.lastEventId()).as("not before the blank line").isNull();
    p.feed(utf8("\n"), 0, 1);
    assertThat(p.lastEventId()).isEqualTo("2");
    assertThat(rec.events).isEmpty();
  }

  @Test
  void r20EmptyDataBufferFiresNothingAndClearsTheType() {
    parseAll("event: x\n\ndata: y\n\n", msg("y"));
    parseAll(": keep-alive\n\n: keep-alive\n\n");
    parseAll("retry: 1\n\nid: 3\n\n");
  }

  @Test
  void r21OneTrailingLfRemoved() {
    parseAll("data\n\ndata:\n\ndata: \n\n", msg(""), msg(""), msg(""));
    parseAll("data\ndata\n\n", msg("\n"));
    parseAll("data: a\ndata:\ndata:\n\n", msg("a\n\n"));
  }

  @Test
  void r22TypeIsMessageUnlessSet() {
    parseAll("event:\ndata: x\n\nevent: add\ndata: y\n\n", msg("x"), ev("add", "y", null));
  }

  @Test
  void r23LastEventIdCarriesOver() {
    parseAll("id: 7\ndata: a\n\ndata: b\n\nid: 8\ndata: c\n\ndata: d\n\n",
        ev("message", "a", "7"), ev("message", "b", "7"), ev("message", "c", "8"),
        ev("message", "d", "8"));
  }

  @Test
  void r24DispatchResetsDataAndTypeButNotId() {
    parseAll("id: 1\nevent: t\ndata: a\n\ndata: b\n\n", ev("t", "a", "1"), ev("message", "b", "1"));
  }

  @Test
  void r25ListenerViewFollowsTheSpecForWhatItCallsLastEventId() {
    // The view's lastEventId is the spec's last-event-ID string (R19–R24), not a per-block id;
    // comments and retry are extras reported in stream order.
    List<String> log = new ArrayList<>();
    SseParser p = SseParsers.create("zero-copy", new SseListener() {
      @Override
      public void onEvent(SseEvent e) {
        log.add("event " + e.type() + " " + e.data() + " id=" + e.lastEventId());
      }

      @Override
      public void onComment(byte[] buf, int off, int len) {
        log.add("comment" + Utf8.decode(buf, off, len));
      }

      @Override
      public void onRetry(long millis) {
        log.add("retry " + millis);
      }
    }, SseLimits.DEFAULTS);
    byte[] in = utf8("id: a\n\n: one\nevent: t\ndata: 1\nretry: 5\n\ndata: 2\n\n");
    p.feed(in, 0, in.length);
    assertThat(log).containsExactly("comment one", "retry 5", "event t 1 id=a",
        "event message 2 id=a");
  }
}
