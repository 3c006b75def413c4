package org.ssechat.benchmarks;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Closed-loop load on a {@code serve} (Netty client): {@code streams} keep-alive connections,
 * each with one streaming request in flight at a time and the next sent as soon as the last
 * ends, so the server holds that many streams at once. Connections open spread over the ramp;
 * each first request starts at a random point of one recording length after it, so reads are
 * spread evenly in time. Streams that start inside the measurement window (after a warm-up of
 * at least one whole recording) are measured: each recorded read is due at send time + its
 * recorded offset, and has arrived when the body byte count reaches its end.
 *
 * <p>Abuse (optional, at the start of the window): half-open connections that send part of a
 * request head and then nothing, and one request announcing an oversized body and sending it;
 * how and when the server cut each is reported.
 */
final class LoadClient {
  /** Native epoll where it loads, as {@code serve} uses; {@code -Dssechat.netty=nio} for NIO. */
  static final boolean EPOLL = !"nio".equals(System.getProperty("ssechat.netty"))
      && Epoll.isAvailable();


  /** Event loops of the load tool ({@code -Dssechat.load.threads}, default 2). */
  static final int THREADS = Integer.getInteger("ssechat.load.threads", 2);

  /** What to run. */
  record Plan(InetSocketAddress server, String path, byte[] body, ServeLoad.Schedule schedule,
      int streams, long rampNanos, long warmupNanos, long measureNanos, long graceNanos,
      int halfOpen, long oversizedBytes) {}

  /** Per event-loop thread counters, merged at the end. */
  static final class Stats {
    final LatencyHistogram lateness = new LatencyHistogram();
    final LatencyHistogram ttft = new LatencyHistogram();
    final LatencyHistogram connect = new LatencyHistogram();
    final Map<String, Integer> failures = new TreeMap<>();
    long completed;
    long windowBytes;
    long connectFailed;

    void fail(String why) {
      failures.merge(why, 1, Integer::sum);
    }

    void add(Stats o) {
      lateness.add(o.lateness);
      ttft.add(o.ttft);
      connect.add(o.connect);
      o.failures.forEach((k, v) -> failures.merge(k, v, Integer::sum));
      completed += o.completed;
      windowBytes += o.windowBytes;
      connectFailed += o.connectFailed;
    }

    long failed() {
      return failures.values().stream().mapToLong(Integer::longValue).sum();
    }
  }

  /** How the server ended one abusive connection. */
  record Cut(String status, long afterNanos) {}

  private final Plan plan;
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(
      THREADS, EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
  private final List<Stats> allStats = new CopyOnWriteArrayList<>();
  private final ThreadLocal<Stats> stats = ThreadLocal.withInitial(() -> {
    Stats s = new Stats();
    allStats.add(s);
    return s;
  });
  /** Where streams started before the window are measured, and then forgotten. */
  private final ThreadLocal<Stats> warmup = ThreadLocal.withInitial(Stats::new);
  private final ByteBuf request;
  private final List<Cut> halfOpenCuts = new CopyOnWriteArrayList<>();
  private final List<Cut> oversizedCuts = new CopyOnWriteArrayList<>();
  private final Map<Channel, Boolean> open = new ConcurrentHashMap<>();
  private final Runnable atWindowStart;
  private final Runnable atWindowEnd;
  private volatile boolean ending;
  private long t0;
  private long measureStart;
  private long measureEnd;

  /** The two runnables run on a client thread when the measurement window opens and closes. */
  LoadClient(Plan plan, Runnable atWindowStart, Runnable atWindowEnd) {
    this.plan = plan;
    byte[] head = ("POST " + plan.path() + " HTTP/1.1\r\nHost: 127.0.0.1:"
        + plan.server().getPort() + "\r\nContent-Type: application/json\r\nContent-Length: "
        + plan.body().length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    this.request = Unpooled.unreleasableBuffer(Unpooled.directBuffer(head.length
        + plan.body().length).writeBytes(head).writeBytes(plan.body()));
    this.atWindowStart = atWindowStart;
    this.atWindowEnd = atWindowEnd;
  }

  /** Runs the plan to the end of the window (plus grace for streams still running). */
  Stats run() throws InterruptedException {
    t0 = System.nanoTime();
    long cycle = plan.schedule().dueNanos().length == 0 ? 0
        : plan.schedule().dueNanos()[plan.schedule().dueNanos().length - 1];
    measureStart = t0 + plan.rampNanos() + Math.max(plan.warmupNanos(), cycle);
    measureEnd = measureStart + plan.measureNanos();
    CountDownLatch done = new CountDownLatch(plan.streams());
    Bootstrap b = new Bootstrap().group(group)
        .channel(EPOLL ? EpollSocketChannel.class : NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000);
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < plan.streams(); i++) {
      long connectAt = t0 + plan.rampNanos() * i / plan.streams();
      long firstSend = t0 + plan.rampNanos() + (cycle == 0 ? 0 : random.nextLong(cycle));
      group.schedule(() -> connect(b, firstSend, done), connectAt - System.nanoTime(),
          TimeUnit.NANOSECONDS);
    }
    if (plan.halfOpen() > 0 || plan.oversizedBytes() > 0) {
      group.schedule(() -> abuse(b), measureStart - System.nanoTime(), TimeUnit.NANOSECONDS);
    }
    group.schedule(atWindowStart, measureStart - System.nanoTime(), TimeUnit.NANOSECONDS);
    group.schedule(atWindowEnd, measureEnd - System.nanoTime(), TimeUnit.NANOSECONDS);
    long deadline = measureEnd + plan.graceNanos();
    done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    ending = true;
    for (Channel ch : open.keySet()) {
      ch.close(); // still streaming past the grace: counted as unfinished
    }
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    Stats total = new Stats();
    allStats.forEach(total::add);
    return total;
  }

  List<Cut> halfOpenCuts() {
    return halfOpenCuts;
  }

  List<Cut> oversizedCuts() {
    return oversizedCuts;
  }

  private void connect(Bootstrap b, long firstSend, CountDownLatch done) {
    long start = System.nanoTime();
    b.clone().handler(new User(firstSend, done)).connect(plan.server()).addListener(f -> {
      if (f.isSuccess()) {
        stats.get().connect.record(System.nanoTime() - start);
      } else {
        stats.get().connectFailed++;
        done.countDown();
      }
    });
  }

  /**
   * One virtual user: a keep-alive connection streaming one request after another. Streams
   * before the window are measured too, into numbers thrown away, so the window runs the code
   * the warm-up compiled (a path first taken in the window deoptimizes and recompiles there).
   */
  private final class User extends ChannelInboundHandlerAdapter
      implements ResponseCounter.Listener {
    private final long firstSend;
    private final CountDownLatch done;
    private final ResponseCounter counter = new ResponseCounter(this);
    private ChannelHandlerContext ctx;
    private Stats into;
    private long sent;
    private long now;
    private boolean inFlight;
    private boolean measured;
    private int status;
    private long received;
    private int next;
    /** Read {@code i} is whole: how late, against its due time (one object per user). */
    private final IntConsumer arrived = i -> into.lateness.record(
        now - (sent + plan.schedule().dueNanos()[i]));

    User(long firstSend, CountDownLatch done) {
      this.firstSend = firstSend;
      this.done = done;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
      this.ctx = ctx;
      open.put(ctx.channel(), Boolean.TRUE);
      ctx.executor().schedule(this::send, firstSend - System.nanoTime(), TimeUnit.NANOSECONDS);
      super.channelActive(ctx);
    }

    private void send() {
      long t = System.nanoTime();
      if (t >= measureEnd || !ctx.channel().isActive()) {
        ctx.close();
        return;
      }
      sent = t;
      measured = t >= measureStart;
      into = measured ? stats.get() : warmup.get();
      inFlight = true;
      ctx.writeAndFlush(request.duplicate(), ctx.voidPromise());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf in = (ByteBuf) msg;
      now = System.nanoTime();
      try {
        counter.feed(in);
      } finally {
        in.release();
      }
    }

    @Override
    public void head(int code) {
      status = code;
      received = 0;
      next = 0;
    }

    @Override
    public void body(long total) {
      if (status != 200) {
        return;
      }
      if (received == 0) {
        into.ttft.record(now - sent);
      }
      if (now >= measureStart && now < measureEnd) {
        stats.get().windowBytes += total - received;
      }
      received = total;
      next = plan.schedule().arrive(next, total, arrived);
    }

    @Override
    public void end() {
      inFlight = false;
      if (status != 200) {
        into.fail("HTTP " + status);
      } else if (received != plan.schedule().bodyBytes()) {
        into.fail("short body");
      } else {
        into.completed++;
      }
      send();
    }

    @Override
    public void malformed(String why) {
      into.fail("unreadable response: " + why);
      inFlight = false;
      ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      open.remove(ctx.channel());
      if (inFlight && measured) {
        stats.get().fail(System.nanoTime() < measureEnd + plan.graceNanos() ? "closed"
            : "unfinished");
      }
      done.countDown();
      super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  private void abuse(Bootstrap b) {
    byte[] partial = ("POST " + plan.path() + " HTTP/1.1\r\nHost: 127.0.0.1:"
        + plan.server().getPort() + "\r\nContent-Type: application/json\r\nContent-Len")
        .getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < plan.halfOpen(); i++) {
      raw(b, partial, 0, halfOpenCuts);
    }
    if (plan.oversizedBytes() > 0) {
      byte[] head = ("POST " + plan.path() + " HTTP/1.1\r\nHost: 127.0.0.1:"
          + plan.server().getPort() + "\r\nContent-Type: application/json\r\nContent-Length: "
          + plan.oversizedBytes() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
      raw(b, head, plan.oversizedBytes(), oversizedCuts);
    }
  }

  /** A raw connection: sends {@code head}, then {@code bodyBytes} of filler while it can. */
  private void raw(Bootstrap b, byte[] head, long bodyBytes, List<Cut> cuts) {
    b.clone().handler(new ChannelInboundHandlerAdapter() {
      private long opened;
      private long bodySent;
      private final StringBuilder response = new StringBuilder();
      private final ByteBuf filler = Unpooled.unreleasableBuffer(
          Unpooled.wrappedBuffer(new byte[64 * 1024]));

      @Override
      public void channelActive(ChannelHandlerContext ctx) {
        opened = System.nanoTime();
        ctx.writeAndFlush(Unpooled.wrappedBuffer(head));
        pump(ctx);
      }

      private void pump(ChannelHandlerContext ctx) {
        while (bodySent < bodyBytes && ctx.channel().isWritable()) {
          int n = (int) Math.min(filler.capacity(), bodyBytes - bodySent);
          bodySent += n;
          ctx.writeAndFlush(filler.retainedSlice(0, n));
        }
      }

      @Override
      public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        pump(ctx);
      }

      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (response.length() < 64) {
          response.append(in.toString(StandardCharsets.ISO_8859_1));
        }
        in.release();
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) {
        if (ending) {
          return; // not cut by the server: still open when the run ended
        }
        String line = response.toString();
        String status = line.startsWith("HTTP/1.1 ") && line.length() >= 12
            ? line.substring(9, 12) : "closed without a response";
        cuts.add(new Cut(status, System.nanoTime() - opened));
      }

      @Override
      public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
      }
    }).connect(plan.server());
  }
}
