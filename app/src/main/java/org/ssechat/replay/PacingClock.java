package org.ssechat.replay;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The time source and waiting primitive a {@link Player} paces with. The system clock is used in
 * production; tests pass a fake one that records the waits and advances instantly.
 */
public interface PacingClock {

  /** The real clock: {@link System#nanoTime()} and a timed wait on the stop latch. */
  PacingClock SYSTEM = new PacingClock() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void await(CountDownLatch stop, long nanos) throws InterruptedException {
      stop.await(nanos, TimeUnit.NANOSECONDS);
    }
  };

  /** A monotonic time in nanoseconds, like {@link System#nanoTime()}. */
  long nanoTime();

  /**
   * Waits {@code nanos} nanoseconds, or less if {@code stop} reaches zero meanwhile.
   *
   * @throws InterruptedException if the thread is interrupted
   */
  void await(CountDownLatch stop, long nanos) throws InterruptedException;
}
