package org.ssechat.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ssechat.sse.SseParser;
import org.ssechat.sse.SseParsers;

/** Where an injected event may go: checked against the SSE parser's own dispatches. */
class EventBoundaryTest {

  /**
   * The places where the parser dispatches an event, fed one byte at a time: after the byte that
   * ended the blank line (after the LF of a CRLF).
   */
  private static List<Integer> dispatches(byte[] body) {
    List<Integer> at = new ArrayList<>();
    int[] fed = {0};
    SseParser p = SseParsers.create(e -> at.add(fed[0]));
    for (int i = 0; i < body.length; i++) {
      fed[0] = body[i] == '\r' && i + 1 < body.length && body[i + 1] == '\n' ? i + 2 : i + 1;
      p.feed(body, i, 1);
    }
    return at;
  }

  private static void matchesTheParser(String name, byte[] body, int[] offsets) {
    List<Integer> ends = dispatches(body);
    assertThat(ends).as(name).isNotEmpty();
    for (int at : offsets) {
      int expected = at <= 0 ? 0 : ends.stream().filter(e -> e >= at).findFirst()
          .orElse(body.length);
      assertThat(EventBoundary.atOrAfter(body, at)).as("%s at %d", name, at).isEqualTo(expected);
    }
  }

  @Test
  void everyLineEndingEndsEventsWhereTheParserDispatches() {
    byte[] body = ("data: a\r\n\r\ndata: b\n\ndata: c\r\rdata: d\r\n\nevent: x\ndata: e\r\n"
        + "data: f\r\n\r\ndata: 末\n\ndata: tail").getBytes(StandardCharsets.UTF_8);
    int[] every = new int[body.length + 1];
    for (int i = 0; i <= body.length; i++) {
      every[i] = i;
    }
    matchesTheParser("mixed", body, every);
  }

  @Test
  void theBundledRecordingsAgreeWithTheParserAtRandomPlacesAndAroundEachEnd() throws Exception {
    RecordingLibrary lib = RecordingLibrary.bundled();
    Random random = new Random(15);
    for (String name : lib.names()) {
      if (name.contains("keepalive")) {
        continue; // comment-only blocks end at a blank line but dispatch nothing: below
      }
      byte[] body = lib.get(name).body();
      List<Integer> offsets = new ArrayList<>();
      for (int end : dispatches(body)) {
        offsets.addAll(List.of(end - 1, end, end + 1));
      }
      random.ints(300, 0, body.length + 1).forEach(offsets::add);
      matchesTheParser(name, body, offsets.stream().mapToInt(Integer::intValue).toArray());
    }
  }

  @Test
  void aCommentOnlyBlockEndsAtItsBlankLineAndANoEndGivesTheLength() {
    byte[] body = ": keep-alive\n\ndata: x\n".getBytes(StandardCharsets.UTF_8);
    assertThat(EventBoundary.atOrAfter(body, 3)).isEqualTo(14);
    assertThat(EventBoundary.atOrAfter(body, 14)).isEqualTo(14);
    assertThat(EventBoundary.atOrAfter(body, 15)).isEqualTo(body.length);
    assertThat(EventBoundary.atOrAfter(new byte[0], 0)).isZero();
  }
}
