package org.ssechat.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
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
    ServeLoad.Stream stream = new ServeLoad.Stream(s, System.nanoTime() - 50_000_000);
    stream.onNext(List.of(ByteBuffer.allocate(15)));
    assertThat(stream.next).isEqualTo(1); // the second read is not whole yet
    stream.onNext(List.of(ByteBuffer.allocate(5), ByteBuffer.allocate(10)));
    assertThat(stream.next).isEqualTo(3);
    assertThat(stream.complete()).isTrue();
    // sent 50 ms ago: each read is 46 to 50 ms late
    for (long l : stream.lateness) {
      assertThat(l).isBetween(46_000_000L, 1_000_000_000L);
    }

    Files.writeString(Path.of(sse + ".json"), "{\"reads\":[[0,10]]}");
    assertThatThrownBy(() -> ServeLoad.Schedule.of(sse, 1))
        .hasMessageContaining("add up to 10 bytes, the body has 30");
  }
}
