package org.ssechat.serve;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/** What both serve engines count, and how they stop once. */
final class EngineState {
  /** Streams that reached the end of their recording. */
  final AtomicLong streamed = new AtomicLong();
  /** Streams cut short because the client went away. */
  final AtomicLong disconnects = new AtomicLong();
  /** Counted down by the first {@link #stopOnce()}; running replays watch it. */
  final CountDownLatch stopped = new CountDownLatch(1);

  /** True the first time only: that caller does the stopping. */
  synchronized boolean stopOnce() {
    if (stopped.getCount() == 0) {
      return false;
    }
    stopped.countDown();
    return true;
  }

  /** Blocks until stopped. */
  void awaitStop() {
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
