package org.ssechat.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load tool's bookkeeping: schedules from sidecars, a read arrives with its last byte. */
class ServeLoadTest {

  @Test
  void aReadHasArrivedWhenItsLastByteHas(@TempDir Path dir) throws Exception {
    Path sse = dir.resolve("r.sse");
    Files.write(sse, new byte[30]);
    Files.writeString(Path.of(sse + ".json"), "{\"reads\":[[1000,10],[3000,10],[9000,10]]}");
    ServeLoad.Schedule s = ServeLoad.Schedule.of(sse, 2);
    assertThat(s.ends()).containsExactly(10, 20, 30);
    assertThat(s.dueNanos()).containsExactly(0, 1_000_000, 4_000_000); // halved at speed 2
    List<Integer> arrived = new java.util.ArrayList<>();
    int next = s.arrive(0, 15, arrived::add);
    assertThat(next).isEqualTo(1); // the second read is not whole yet
    assertThat(s.arrive(next, 19, arrived::add)).isEqualTo(1);
    assertThat(s.arrive(next, 30, arrived::add)).isEqualTo(3);
    assertThat(arrived).containsExactly(0, 1, 2);
    assertThat(ServeLoad.Schedule.of(sse, 0).dueNanos()).containsExactly(0, 0, 0); // max

    Files.writeString(Path.of(sse + ".json"), "{\"reads\":[[0,10]]}");
    assertThatThrownBy(() -> ServeLoad.Schedule.of(sse, 1))
        .hasMessageContaining("add up to 10 bytes, the body has 30");
  }

  @Test
  void histogramPercentilesAreNeverBelowTheValueAndEarlyIsOnTime() {
    LatencyHistogram h = new LatencyHistogram();
    for (int i = 1; i <= 1000; i++) {
      h.record(i * 1_000_000L); // 1..1000 ms
    }
    assertThat(h.count()).isEqualTo(1000);
    assertThat(h.percentileNanos(50)).isBetween(500_000_000L, 500_500_000L); // 3 digits
    assertThat(h.percentileNanos(99)).isBetween(990_000_000L, 991_000_000L);
    assertThat(h.percentileNanos(100)).isBetween(1_000_000_000L, 1_001_000_000L);
    LatencyHistogram fine = new LatencyHistogram();
    fine.record(12_345); // 12.345 µs: 12 µs, the resolution
    fine.record(-5); // early counts as on time
    fine.add(h);
    assertThat(fine.count()).isEqualTo(1002);
    assertThat(fine.percentileNanos(0.05)).isZero(); // the early one
    assertThat(fine.percentileNanos(0.15)).isEqualTo(12_000L);
    assertThat(fine.maxNanos()).isEqualTo(h.maxNanos());
  }

  /** The paced bound sends each read when it is due: not before, and not much after. */
  @Test
  void thePacedBareHandlerKeepsTheRecordedSchedule(@TempDir Path dir) throws Exception {
    byte[] body = ("data: {\"x\":1}\n\n".repeat(30)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Path sse = dir.resolve("r.sse");
    Files.write(sse, body);
    Files.writeString(Path.of(sse + ".json"), "{\"reads\":[[0,100],[150000,100],[300000,"
        + (body.length - 200) + "]]}");
    ServeLoad.Schedule schedule = ServeLoad.Schedule.of(sse, 1);
    try (BareServe server = new BareServe(0, body, schedule)) {
      LoadClient.Plan plan = new LoadClient.Plan(new java.net.InetSocketAddress("127.0.0.1",
          server.port()), "/v1/chat/completions", "{}".getBytes(), schedule, 4, 50_000_000L,
          0, 1_000_000_000L, 5_000_000_000L, 0, 0);
      LoadClient.Stats s = new LoadClient(plan, () -> { }, () -> { }).run();
      assertThat(s.failed()).isZero();
      assertThat(s.completed).isGreaterThanOrEqualTo(4);
      assertThat(s.lateness.count()).isEqualTo(3 * s.completed);
      // a read sent before its time would show as on time (lateness is clamped at 0), so the
      // stream's length says the pacing was kept: 300 ms of recorded gaps per stream
      assertThat(s.completed).isLessThanOrEqualTo(4 * 5);
      assertThat(s.lateness.percentileNanos(50)).isLessThan(100_000_000L);
    }
  }

  /** The Netty client against the bare handler on loopback: every measured stream is whole. */
  @Test
  void theLoadClientMeasuresWholeStreamsOnKeepAliveConnections(@TempDir Path dir)
      throws Exception {
    byte[] body = ("data: {\"x\":1}\n\n".repeat(200)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Path sse = dir.resolve("r.sse");
    Files.write(sse, body);
    Files.writeString(Path.of(sse + ".json"), "{\"reads\":[[0," + (body.length - 100)
        + "],[5000,100]]}");
    try (BareServe server = new BareServe(0, body)) {
      LoadClient.Plan plan = new LoadClient.Plan(new java.net.InetSocketAddress("127.0.0.1",
          server.port()), "/v1/chat/completions", "{}".getBytes(), ServeLoad.Schedule.of(sse, 0),
          20, 100_000_000L, 100_000_000L, 500_000_000L, 5_000_000_000L, 0, 0);
      int[] window = new int[2];
      LoadClient.Stats s = new LoadClient(plan, () -> window[0]++, () -> window[1]++).run();
      assertThat(s.completed).isGreaterThan(20);
      assertThat(s.failed()).isZero();
      assertThat(s.connectFailed).isZero();
      assertThat(s.lateness.count()).isEqualTo(2 * s.completed); // two reads per stream
      assertThat(s.windowBytes).isGreaterThanOrEqualTo(body.length * (s.completed - 20));
      assertThat(window).containsExactly(1, 1);
    }
  }
}
