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
 * A request must arrive whole within a time from its first byte, however the bytes trickle in
 * (slowloris: one byte every few seconds defeats a timeout on silence). Sits in front of the
 * HTTP codec and sees raw bytes: the first byte of a request starts the clock;
 * {@link #requestComplete} (called by the handler once the whole request is decoded) stops it.
 * When it runs out, the client gets {@code 408} and the connection is closed.
 */
final class RequestDeadline extends ChannelInboundHandlerAdapter {
  private final long timeoutNanos;
  private ScheduledFuture<?> deadline;
  private boolean betweenRequests = true;

  RequestDeadline(long timeoutNanos) {
    this.timeoutNanos = timeoutNanos;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (betweenRequests) {
      betweenRequests = false;
      deadline = ctx.executor().schedule(() -> expire(ctx), timeoutNanos, TimeUnit.NANOSECONDS);
    }
    super.channelRead(ctx, msg);
  }

  /** The request being read is complete: the next byte read starts the next one's clock. */
  void requestComplete() {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
    betweenRequests = true;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    requestComplete();
    super.channelInactive(ctx);
  }

  private void expire(ChannelHandlerContext ctx) {
    deadline = null;
    var r = EventLoopServer.error(HttpResponseStatus.REQUEST_TIMEOUT, "request not complete "
        + "within " + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s",
        "invalid_request_error");
    r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    // from the tail, so the response goes through the HTTP encoder behind this handler
    ctx.channel().writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
  }
}
