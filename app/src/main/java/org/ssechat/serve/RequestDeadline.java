package org.ssechat.serve;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The connection's two clocks, one at a time:
 * <ul>
 *   <li>a request must arrive whole within a time from its first byte, however the bytes
 *       trickle in (slowloris: one byte every few seconds defeats a timeout on silence); when it
 *       runs out the client gets {@code 408} and the connection is closed;
 *   <li>a kept-alive connection with no request and no answer under way is closed after the
 *       idle time.
 * </ul>
 * Sits in front of the HTTP codec and sees raw bytes. While the server answers (a stream may
 * play for minutes) no clock runs, and nothing is done per write.
 */
final class RequestDeadline extends ChannelInboundHandlerAdapter {

  /** Where the connection is; each state has at most one clock. */
  private enum State {
    /** Between requests: the idle clock runs. */
    IDLE,
    /** A request's bytes are arriving: the request clock runs from its first byte. */
    READING,
    /** The server is answering: no clock. */
    ANSWERING
  }

  private final long requestNanos;
  private final long idleNanos;
  private State state = State.IDLE;
  private ScheduledFuture<?> clock;
  private ChannelHandlerContext ctx;

  RequestDeadline(long requestNanos, long idleNanos) {
    this.requestNanos = requestNanos;
    this.idleNanos = idleNanos;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    arm(idleNanos);
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (state == State.IDLE) {
      state = State.READING;
      arm(requestNanos);
    } // while answering, bytes are a request sent ahead: it waits, with no clock
    super.channelRead(ctx, msg);
  }

  /**
   * A request is complete: no clock while it is answered. It may have come whole in the read
   * that ended the one before it (the connection was just made idle), so any state gives way.
   */
  void requestComplete() {
    if (state != State.ANSWERING) {
      state = State.ANSWERING;
      disarm();
    }
  }

  /** The answer is done and the connection stays open: the idle clock starts. */
  void answered() {
    if (state == State.ANSWERING) {
      state = State.IDLE;
      arm(idleNanos);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    disarm();
    super.channelInactive(ctx);
  }

  private void arm(long nanos) {
    disarm();
    clock = ctx.executor().schedule(this::expire, nanos, TimeUnit.NANOSECONDS);
  }

  private void disarm() {
    if (clock != null) {
      clock.cancel(false);
      clock = null;
    }
  }

  private void expire() {
    clock = null;
    if (state != State.READING) {
      ctx.close(); // idle
      return;
    }
    var r = EventLoopServer.error(HttpResponseStatus.REQUEST_TIMEOUT, "request not complete "
        + "within " + TimeUnit.NANOSECONDS.toSeconds(requestNanos) + " s",
        "invalid_request_error");
    r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    // from the tail, so the response goes through the HTTP encoder behind this handler
    ctx.channel().writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
  }
}
