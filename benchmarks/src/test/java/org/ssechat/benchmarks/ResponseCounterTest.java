package org.ssechat.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The load tool's response reader, fed whole, a byte at a time and at random splits. */
class ResponseCounterTest {

  private static final String STREAM = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
      + "transfer-encoding: chunked\r\n\r\n"
      + "f\r\ndata: {\"a\":1}\n\n\r\n"
      + "1A;ext=1\r\ndata: {\"b\":\"xyzxyzxyzx\"}\n\r\n"
      + "0\r\nX-Trailer: t\r\n\r\n";
  private static final String REFUSED = "HTTP/1.1 429 Too Many Requests\r\ncontent-type: "
      + "application/json\r\nContent-Length: 11\r\nretry-after: 1\r\n\r\n{\"error\":1}";
  private static final String EMPTY = "HTTP/1.1 204 No Content\r\n\r\n";

  /** What a listener saw, as text; body counts only where they end (totals are cumulative). */
  private static List<String> read(byte[] bytes, int[] cuts) {
    List<String> seen = new ArrayList<>();
    long[] last = {-1};
    ResponseCounter c = new ResponseCounter(new ResponseCounter.Listener() {
      @Override
      public void head(int status) {
        seen.add("head " + status);
        last[0] = -1;
      }

      @Override
      public void body(long total) {
        assertThat(total).isGreaterThan(last[0]); // only ever grows within a response
        last[0] = total;
      }

      @Override
      public void end() {
        seen.add("end after " + Math.max(0, last[0]) + " body bytes");
      }

      @Override
      public void malformed(String why) {
        seen.add("malformed: " + why);
      }
    });
    int from = 0;
    for (int cut : cuts) {
      c.feed(Unpooled.wrappedBuffer(bytes, from, cut - from));
      from = cut;
    }
    c.feed(Unpooled.wrappedBuffer(bytes, from, bytes.length - from));
    return seen;
  }

  private static void atEveryChunking(String text, List<String> expected) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    assertThat(read(bytes, new int[0])).as("whole").isEqualTo(expected);
    int[] ones = new int[bytes.length - 1];
    for (int i = 0; i < ones.length; i++) {
      ones[i] = i + 1;
    }
    assertThat(read(bytes, ones)).as("1 byte").isEqualTo(expected);
    SplittableRandom random = new SplittableRandom(7);
    for (int round = 0; round < 8; round++) {
      int[] cuts = random.ints(random.nextInt(1, 12), 1, bytes.length).sorted().distinct()
          .toArray();
      assertThat(read(bytes, cuts)).as("random splits %d", round).isEqualTo(expected);
    }
  }

  @Test
  void keepAliveResponsesOfEveryShape() {
    atEveryChunking(STREAM + REFUSED + EMPTY + STREAM, List.of(
        "head 200", "end after 41 body bytes",
        "head 429", "end after 11 body bytes",
        "head 204", "end after 0 body bytes",
        "head 200", "end after 41 body bytes"));
  }

  @Test
  void bodyBytesAreCountedAsTheyArriveNotAtTheEnd() {
    byte[] bytes = STREAM.getBytes(StandardCharsets.ISO_8859_1);
    List<Long> totals = new ArrayList<>();
    ResponseCounter c = new ResponseCounter(new ResponseCounter.Listener() {
      @Override
      public void head(int status) {}

      @Override
      public void body(long total) {
        totals.add(total);
      }

      @Override
      public void end() {}

      @Override
      public void malformed(String why) {}
    });
    int mid = STREAM.indexOf("{\"b\"") + 3; // inside the second chunk
    c.feed(Unpooled.wrappedBuffer(bytes, 0, mid));
    c.feed(Unpooled.wrappedBuffer(bytes, mid, bytes.length - mid));
    assertThat(totals).containsExactly(15L + "data: {\"b".length(), 41L);
  }

  @Test
  void unreadableResponsesAreReportedAndReadingStops() {
    atEveryChunking("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        List.of("head 200", "malformed: bad chunk size"));
    atEveryChunking("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n",
        List.of("head 200", "malformed: chunk longer than its size"));
    atEveryChunking("SSH-2.0-OpenSSH\r\n" + REFUSED,
        List.of("malformed: not an HTTP/1.x status line"));
    atEveryChunking("HTTP/1.1 200 OK\r\nContent-Length: x1\r\n\r\n",
        List.of("head 200", "malformed: bad number in 'Content-Length: x1'"));
  }
}
