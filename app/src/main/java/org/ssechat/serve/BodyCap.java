package org.ssechat.serve;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.TimeUnit;

/**
 * Whole requests up to {@code maxBytes}; a bigger one (announced by {@code Content-Length} or
 * found while reading) gets {@code 413} and the connection is closed within
 * {@link #LINGER_MILLIS}. Netty's own
 * answer keeps a kept-alive connection open and reads the rest of the body only to discard it,
 * so a client announcing 32 MiB would go on sending all of it.
 */
final class BodyCap extends HttpObjectAggregator {
  /** How long the rest of a refused body is read and dropped before the connection closes. */
  static final long LINGER_MILLIS = 1000;

  private final int maxBytes;

  BodyCap(int maxBytes) {
    super(maxBytes);
    this.maxBytes = maxBytes;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    ServeRequest.Refused tooLarge = ServeRequest.Refused.tooLarge(maxBytes);
    var r = EventLoopServer.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
        tooLarge.getMessage(), tooLarge.type());
    r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    // lingering close: stop sending, read (and drop) what is in flight for a moment, then close;
    // closing with unread bytes would reset the connection and could lose the 413 on its way
    ctx.writeAndFlush(r).addListener(f -> {
      if (ctx.channel() instanceof DuplexChannel duplex) {
        duplex.shutdownOutput();
        ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
      } else {
        ctx.close();
      }
    });
  }
}
