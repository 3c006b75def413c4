package org.ssechat.benchmarks;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bound for {@code serve --speed max}: a bare Netty HTTP handler that answers every request
 * with the same recording's bytes as one chunk of a chunked {@code text/event-stream} (no
 * routing, no JSON, no pacing, one flush). Same codec and event loops as {@code serve}.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.ssechat.benchmarks.BareServe PORT FILE.sse</pre>
 */
public final class BareServe implements AutoCloseable {
  private static final boolean EPOLL = LoadClient.EPOLL;
  private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, EPOLL
      ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
  private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(
      Runtime.getRuntime().availableProcessors(), EPOLL ? EpollIoHandler.newFactory()
      : NioIoHandler.newFactory()); // as many loops as serve has
  private final Channel server;

  BareServe(int port, byte[] recording) throws InterruptedException {
    ByteBuf body = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(recording));
    server = new ServerBootstrap().group(boss, workers)
        .channel(EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 4096)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                new SimpleChannelInboundHandler<FullHttpRequest>() {
                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.OK);
                    head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream");
                    HttpUtil.setTransferEncodingChunked(head, true);
                    ctx.write(head);
                    ctx.write(new DefaultHttpContent(body.slice()));
                    ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                  }
                });
          }
        }).bind("127.0.0.1", port).sync().channel();
  }

  int port() {
    return ((java.net.InetSocketAddress) server.localAddress()).getPort();
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    workers.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    boss.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
  }

  public static void main(String[] args) throws Exception {
    BareServe s = new BareServe(Integer.parseInt(args[0]), Files.readAllBytes(Path.of(args[1])));
    System.out.println("bare handler at http://127.0.0.1:" + s.port() + "/v1");
    s.server.closeFuture().sync();
  }
}
