package org.ssechat.replay;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * Delivers a body to a {@link Sink} following a {@link ReadPlan}: each read waits until it is due
 * (measured from the start, so delays do not accumulate drift), then goes to the sink.
 *
 * <p>Thread-safe: a player holds only its clock.
 */
public final class Player {

  /** Receives the reads. The array is the recording's body: read it, never modify or keep it. */
  @FunctionalInterface
  public interface Sink {
    void accept(byte[] buf, int off, int len) throws IOException;
  }

  private final PacingClock clock;

  public Player(PacingClock clock) {
    this.clock = clock;
  }

  /**
   * Plays {@code body}. Returns false if {@code stop} reached zero first (the rest is not
   * delivered), true when every read was delivered.
   *
   * @throws IOException from the sink (e.g. the client went away); the replay stops there
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  public boolean play(byte[] body, ReadPlan plan, Sink sink, CountDownLatch stop)
      throws IOException, InterruptedException {
    long start = clock.nanoTime();
    for (ReadPlan.Chunk c : plan.chunks()) {
      if (stop.getCount() == 0) {
        return false;
      }
      long wait = start + c.atNanos() - clock.nanoTime();
      if (wait > 0) {
        clock.await(stop, wait);
        if (stop.getCount() == 0) {
          return false;
        }
      }
      sink.accept(body, c.offset(), c.length());
    }
    return true;
  }
}
