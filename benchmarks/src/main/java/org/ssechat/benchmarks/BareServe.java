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
 * The bounds for {@code serve}: a bare Netty HTTP handler that answers every request with the
 * same recording (no routing, no JSON, no recording choice, no log). Same codec and event loops
 * as {@code serve}.
 * <ul>
 *   <li>default: the whole recording as one chunk of a chunked {@code text/event-stream}, one
 *       flush (the bound for {@code --speed max});
 *   <li>{@code --paced}: each recorded read as its own chunk when it is due, by a timer on the
 *       loop rounded to 1 ms as {@code serve} does (the bound for paced streams): what any
 *       server that keeps the recording's reads would at least spend.
 * </ul>
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar org.ssechat.benchmarks.BareServe PORT FILE.sse [--paced]</pre>
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
    this(port, recording, null);
  }

  /** Paced by {@code schedule} when it is not null. */
  BareServe(int port, byte[] recording, ServeLoad.Schedule schedule) throws InterruptedException {
    // direct, as serve's recordings are: a heap buffer would be copied on every write
    ByteBuf body = Unpooled.unreleasableBuffer(Unpooled.directBuffer(recording.length)
        .writeBytes(recording));
    Paced paced = schedule == null ? null : new Paced(recording, schedule);
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
                    if (paced != null) {
                      paced.play(ctx.pipeline().firstContext());
                      return;
                    }
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

  /**
   * Paced answers written as raw bytes from the pipeline's first handler (past the HTTP
   * encoder): the head, then each read as one chunk of one direct buffer, then the last chunk.
   */
  private static final class Paced {
    private static final long TICK = 1_000_000;
    private final ByteBuf framed;
    private final int[] starts;
    private final long[] due;
    private final ByteBuf head = Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(
        ("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n"
        + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    private final ByteBuf last = Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(
        "0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));

    Paced(byte[] body, ServeLoad.Schedule schedule) {
      long[] ends = schedule.ends();
      due = schedule.dueNanos();
      starts = new int[ends.length + 1];
      ByteBuf out = Unpooled.directBuffer();
      int from = 0;
      for (int i = 0; i < ends.length; i++) {
        starts[i] = out.writerIndex();
        int len = (int) ends[i] - from;
        out.writeBytes((Integer.toHexString(len) + "\r\n").getBytes(
            java.nio.charset.StandardCharsets.US_ASCII));
        out.writeBytes(body, from, len).writeByte('\r').writeByte('\n');
        from = (int) ends[i];
      }
      starts[ends.length] = out.writerIndex();
      framed = Unpooled.unreleasableBuffer(out);
    }

    void play(ChannelHandlerContext raw) {
      raw.write(head.duplicate(), raw.voidPromise());
      long start = System.nanoTime();
      new Runnable() {
        private int next;

        @Override
        public void run() {
          if (!raw.channel().isActive()) {
            return;
          }
          long now = System.nanoTime();
          int i = next;
          while (i < due.length && start + due[i] <= now) {
            i++;
          }
          if (i > next) {
            raw.write(framed.slice(starts[next], starts[i] - starts[next]), raw.voidPromise());
          }
          next = i;
          if (next == due.length) {
            raw.writeAndFlush(last.duplicate(), raw.voidPromise());
            return;
          }
          raw.flush();
          long at = Math.floorDiv(start + due[next] + TICK - 1, TICK) * TICK;
          raw.executor().schedule(this, at - now, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
      }.run();
    }
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
    boolean pace = args.length > 2 && args[2].equals("--paced");
    BareServe s = new BareServe(Integer.parseInt(args[0]), Files.readAllBytes(Path.of(args[1])),
        pace ? ServeLoad.Schedule.of(Path.of(args[1]), 1) : null);
    System.out.println((pace ? "paced " : "") + "bare handler at http://127.0.0.1:" + s.port() + "/v1");
    s.server.closeFuture().sync();
  }
}
