package org.ssechat.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** A clock that never really waits: each wait is recorded and advances the time at once. */
final class FakeClock implements PacingClock {
  final List<Long> waits = new ArrayList<>();
  long now = 1_000_000_000L;

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public void await(CountDownLatch stop, long nanos) {
    waits.add(nanos);
    now += nanos;
  }
}
