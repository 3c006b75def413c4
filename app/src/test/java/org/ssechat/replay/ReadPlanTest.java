package org.ssechat.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.ssechat.record.Recording;

class ReadPlanTest {

  private static Recording timed() {
    byte[] body = "data: a\n\ndata: b\n\ndata: c\n\n".getBytes(StandardCharsets.UTF_8);
    String side = "{\"format\":\"ssechat-recording\",\"version\":1,"
        + "\"reads\":[[400000,9],[450000,4],[470000,5],[1470000,9]]}";
    return Recording.of("t", body, side.getBytes(StandardCharsets.UTF_8), "t.sse.json");
  }

  @Test
  void fakeClockSleepsAreTheRecordedGapsDividedBySpeed() throws Exception {
    for (String s : new String[] {"1", "2", "10"}) {
      Speed speed = Speed.parse(s);
      FakeClock clock = new FakeClock();
      List<String> reads = new ArrayList<>();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      boolean done = new Player(clock).play(timed().body(), ReadPlan.original(timed(), speed),
          (b, off, len) -> {
            reads.add(new String(b, off, len, StandardCharsets.UTF_8));
            got.write(b, off, len);
          }, new CountDownLatch(1));
      assertThat(done).isTrue();
      assertThat(reads).containsExactly("data: a\n\n", "data", ": b\n\n", "data: c\n\n");
      assertThat(got.toByteArray()).isEqualTo(timed().body());
      double f = speed.factor();
      assertThat(clock.waits).containsExactly(Math.round(50_000_000 / f),
          Math.round(20_000_000 / f), Math.round(1_000_000_000 / f));
    }
  }

  @Test
  void maxSpeedNeverWaitsButKeepsReadBoundaries() throws Exception {
    FakeClock clock = new FakeClock();
    List<Integer> sizes = new ArrayList<>();
    new Player(clock).play(timed().body(), ReadPlan.original(timed(), Speed.MAX),
        (b, off, len) -> sizes.add(len), new CountDownLatch(1));
    assertThat(clock.waits).isEmpty();
    assertThat(sizes).containsExactly(9, 4, 5, 9);
  }

  @Test
  void fixedChunksAreDueWhenTheirLastByteArrived() {
    ReadPlan p = ReadPlan.fixed(timed(), 10, Speed.REALTIME);
    assertThat(p.chunks()).containsExactly(new ReadPlan.Chunk(0, 10, 50_000_000),
        new ReadPlan.Chunk(10, 10, 1_070_000_000), new ReadPlan.Chunk(20, 7, 1_070_000_000));
  }

  @Test
  void untimedRecordingsUseDefaultChunksAndNoDelay() {
    byte[] body = new byte[10_000];
    ReadPlan p = ReadPlan.original(Recording.of("u", body, null, "u"), Speed.REALTIME);
    assertThat(p.chunks()).extracting(ReadPlan.Chunk::length).containsExactly(4096, 4096, 1808);
    assertThat(p.durationNanos()).isZero();
  }

  @Test
  void perEventCutsAfterBlankLinesLfCrlfAndCr() {
    byte[] body = "data: a\n\ndata: b\r\n\r\n: c\n\ndata: d\r\rtail"
        .getBytes(StandardCharsets.UTF_8);
    ReadPlan p = ReadPlan.perEvent(body, 5);
    assertThat(p.chunks()).containsExactly(new ReadPlan.Chunk(0, 9, 0),
        new ReadPlan.Chunk(9, 11, 5), new ReadPlan.Chunk(20, 5, 10),
        new ReadPlan.Chunk(25, 9, 15), new ReadPlan.Chunk(34, 4, 20));
  }

  @Test
  void pacingKeepsRecordedReadsAndGivesUntimedOnesAGapPerEvent() {
    Pacing two = new Pacing(Speed.parse("2"), 30_000_000);
    assertThat(two.plan(timed())).isEqualTo(ReadPlan.original(timed(), Speed.parse("2")));
    Recording untimed = Recording.of("u", timed().body(), null, "u");
    assertThat(two.plan(untimed).chunks()).containsExactly(new ReadPlan.Chunk(0, 9, 0),
        new ReadPlan.Chunk(9, 9, 15_000_000), new ReadPlan.Chunk(18, 9, 30_000_000));
    for (Pacing once : new Pacing[] {two.withUntimedGapNanos(0), Pacing.of(Speed.MAX)}) {
      assertThat(once.plan(untimed).durationNanos()).as(once.toString()).isZero();
    }
    assertThat(Pacing.of(Speed.REALTIME).untimedGapNanos()).isEqualTo(25_000_000);
    assertThat(two).hasToString("speed 2, untimed gap 30 ms");
  }

  @Test
  void fitWithinScalesDownOnlyLongPlans() {
    ReadPlan p = ReadPlan.original(timed(), Speed.REALTIME);
    assertThat(p.fitWithin(2_000_000_000L)).isSameAs(p);
    ReadPlan short1 = p.fitWithin(107_000_000L);
    assertThat(short1.durationNanos()).isEqualTo(107_000_000L);
    assertThat(short1.chunks().get(1).atNanos()).isEqualTo(5_000_000L);
  }

  @Test
  void stopEndsTheReplayBeforeTheNextRead() throws Exception {
    CountDownLatch stop = new CountDownLatch(1);
    List<Integer> sizes = new ArrayList<>();
    boolean done = new Player(new FakeClock()).play(timed().body(),
        ReadPlan.original(timed(), Speed.REALTIME), (b, off, len) -> {
          sizes.add(len);
          stop.countDown();
        }, stop);
    assertThat(done).isFalse();
    assertThat(sizes).containsExactly(9);
  }

  @Test
  void realClockPacingWithinTolerance() throws Exception {
    // 4 reads over 1.07 s recorded; at speed 10 that is 107 ms of real waiting.
    List<Long> at = new ArrayList<>();
    long start = System.nanoTime();
    new Player(PacingClock.SYSTEM).play(timed().body(), ReadPlan.original(timed(),
        Speed.parse("10")), (b, off, len) -> at.add(System.nanoTime() - start),
        new CountDownLatch(1));
    assertThat(at.get(1) / 1_000_000).isBetween(4L, 60L);
    assertThat(at.get(3) / 1_000_000).isBetween(105L, 400L);
  }

  @Test
  void speedParsing() {
    assertThat(Speed.parse("max").isMax()).isTrue();
    assertThat(Speed.parse("2").factor()).isEqualTo(2.0);
    assertThat(Speed.parse("0.5").toString()).isEqualTo("0.5");
    assertThat(Speed.parse("10").toString()).isEqualTo("10");
    for (String bad : new String[] {"0", "-1", "fast", "NaN", "Infinity"}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> Speed.parse(bad))
          .hasMessageContaining("bad speed");
    }
  }
}
