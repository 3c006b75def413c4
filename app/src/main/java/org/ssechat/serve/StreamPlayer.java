package org.ssechat.serve;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ssechat.replay.ReadPlan;

/**
 * One paced stream on one connection, run by the connection's event loop: each read of the plan
 * is written when it is due (a timer on the loop), reads already due go out together, and the
 * stream waits while the connection is not writable (backpressure: a slow client holds at most
 * Netty's write high-water mark). Everything happens on the event loop; no method is
 * thread-safe.
 */
final class StreamPlayer {

  /** Pacing's resolution: a read is sent at most this late on an idle server. */
  static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  /** At most about this many bytes of due reads go out in one write. */
  static final int BATCH_BYTES = 64 * 1024;

  /** What the player tells its connection. */
  interface Owner {
    /**
     * The stream has sent its last chunk (or met its fault): it no longer counts.
     *
     * @param completed  it played to its end
     * @param terminated its chunked body was ended properly (played to the end, or an injected
     *                   error and then the last chunk), so the connection can carry the next
     *                   answer; false after a drop or a stall
     */
    void streamEnded(StreamPlayer player, boolean completed, boolean terminated);
  }

  private final ChannelHandlerContext ctx;
  private final Owner owner;
  private final List<ReadPlan.Chunk> reads;
  private final StreamBytes bytes;
  private final long start;
  private final Faults.Kind fault;
  private final int faultAt;
  private final Runnable step = this::play;
  private ScheduledFuture<?> timer;
  private boolean waiting;
  private int next;
  private boolean over;

  StreamPlayer(ChannelHandlerContext ctx, Owner owner, ReadPlan plan, StreamBytes bytes,
      Faults.Draw draw) {
    this.ctx = ctx;
    this.owner = owner;
    this.reads = plan.chunks();
    this.bytes = bytes;
    this.start = System.nanoTime();
    this.fault = draw.kind();
    // a recording with no reads has no part-way for a fault to come at: it plays without one
    this.faultAt = fault == Faults.Kind.NONE || reads.isEmpty() ? -1
        : (int) (draw.at() * reads.size());
  }

  /** Starts playing (the response head has been written). */
  void start() {
    play();
  }

  /** The read the injected fault comes at, or -1. */
  int faultAt() {
    return faultAt;
  }

  /** The connection became writable (or not): a waiting stream goes on. */
  void writabilityChanged() {
    if (waiting && ctx.channel().isWritable()) {
      waiting = false;
      play();
    }
  }

  /** Stops the timer: the connection is gone or the server is stopping. */
  void cancel() {
    over = true;
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  /**
   * Writes every read that is due, up to {@link #BATCH_BYTES} (bytes due at the same moment
   * would share a TCP segment anyway), flushes once (with the last chunk, at the end), and then
   * plans the next step: the timer for the next read, or waiting for writability, or the end.
   */
  private void play() {
    timer = null;
    if (over || !ctx.channel().isActive()) {
      return;
    }
    long now = System.nanoTime();
    int first = next;
    int i = first;
    int batchStart = first < reads.size() ? reads.get(first).offset() : 0;
    while (i < reads.size() && i != faultAt && reads.get(i).offset() - batchStart < BATCH_BYTES
        && start + reads.get(i).atNanos() - now <= 0) {
      i++;
    }
    next = i;
    if (i > first) {
      bytes.write(first, i);
      if (next < reads.size()) { // at the end, the last chunk flushes them: one send, not two
        ctx.flush();
      }
    }
    if (next == faultAt) {
      fault();
    } else if (next == reads.size()) {
      finish();
    } else if (!ctx.channel().isWritable()) {
      waiting = true;
    } else {
      long wait = start + reads.get(next).atNanos() - now;
      if (wait <= 0) {
        ctx.executor().execute(step); // the batch was full: let other connections go first
      } else {
        timer = ctx.executor().schedule(step, onTick(now + wait) - now, TimeUnit.NANOSECONDS);
      }
    }
  }

  /**
   * {@code nanos} rounded up to the next {@link #TICK_NANOS} boundary, so reads of all streams
   * due within one tick wake the event loop once, not once each (the epoll transport's timer
   * is precise to the nanosecond: without this, 5,000 streams woke it ~130,000 times a second).
   */
  static long onTick(long nanos) {
    return Math.floorDiv(nanos + TICK_NANOS - 1, TICK_NANOS) * TICK_NANOS;
  }

  /** The stream's end: what a translation still holds, then the last chunk. */
  private void finish() {
    over = true;
    bytes.end();
    ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(f -> {
      if (f.isSuccess()) {
        owner.streamEnded(this, true, true);
      }
    });
  }

  /** The stream meets its injected fault, after the reads before it have been sent. */
  private void fault() {
    over = true;
    switch (fault) {
      case DROP -> {
        owner.streamEnded(this, false, false); // first: the close is not the client's doing
        ctx.close();
      }
      case STALL -> { // nothing more is sent; the connection stays open
        ctx.flush();
        owner.streamEnded(this, false, false);
      }
      default -> {
        bytes.error("injected fault: midstream-error", faultAt);
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(f -> {
          if (f.isSuccess()) {
            owner.streamEnded(this, false, true);
          }
        });
      }
    }
  }

  /** The fault's name as {@code --faults} spells it. */
  String faultName() {
    return fault.spelling();
  }
}
