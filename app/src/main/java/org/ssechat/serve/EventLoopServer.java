package org.ssechat.serve;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.ssechat.chat.ChatStreamDecoder;
import org.ssechat.chat.ChatStreamDecoder.Dialect;
import org.ssechat.record.Recording;
import org.ssechat.replay.Pacing;
import org.ssechat.replay.ReadPlan;
import org.ssechat.replay.RecordingLibrary;
import tools.jackson.databind.JsonNode;

/**
 * {@code ssechat serve} on an event loop (Netty): the same endpoints as {@link RecordingServer},
 * without a thread per stream. This class binds, owns what all connections share (limits,
 * counters, the per-recording {@link Prepared} data) and stops; each connection's pipeline is
 * {@link RequestDeadline}, the HTTP codec, {@link BodyCap} and a {@link RequestRouter}, which
 * hands streams to a {@link StreamPlayer}.
 *
 * <p>Guards: request bodies over {@link Limits#maxBodyBytes()} get 413; a request not complete
 * within {@link Limits#requestTimeoutSeconds()} of its first byte gets 408 and is closed, so is a
 * connection idle (no request, no answer under way) for {@link Limits#idleSeconds()};
 * connections past {@link Limits#maxConnections()} get 503, streams past
 * {@link Limits#maxStreams()} 429; with a token, requests without
 * {@code Authorization: Bearer TOKEN} (or {@code x-api-key: TOKEN}) get 401; on a loopback bind a
 * {@code Host} that is not a loopback name gets 421 (DNS rebinding).
 */
public final class EventLoopServer implements ServeEngine {

  /** The guards; {@link #DEFAULTS} unless set. */
  public record Limits(int maxBodyBytes, int maxConnections, int maxStreams,
      int requestTimeoutSeconds, int idleSeconds, String token) {
    public static final Limits DEFAULTS = new Limits(16 * 1024 * 1024, 20_000, 15_000, 30, 60,
        null);

    public Limits withToken(String t) {
      return new Limits(maxBodyBytes, maxConnections, maxStreams, requestTimeoutSeconds,
          idleSeconds, t);
    }

    public Limits withMaxConnections(int n) {
      return new Limits(maxBodyBytes, n, maxStreams, requestTimeoutSeconds, idleSeconds, token);
    }

    public Limits withMaxStreams(int n) {
      return new Limits(maxBodyBytes, maxConnections, n, requestTimeoutSeconds, idleSeconds,
          token);
    }

    public Limits withMaxBodyBytes(int n) {
      return new Limits(n, maxConnections, maxStreams, requestTimeoutSeconds, idleSeconds, token);
    }

    public Limits withRequestTimeoutSeconds(int n) {
      return new Limits(maxBodyBytes, maxConnections, maxStreams, n, idleSeconds, token);
    }

    public Limits withIdleSeconds(int n) {
      return new Limits(maxBodyBytes, maxConnections, maxStreams, requestTimeoutSeconds, n,
          token);
    }
  }


  final RecordingLibrary library;
  final Consumer<String> log;
  final Limits limits;
  final boolean loopback;
  final Faults faults;
  final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  final AtomicInteger connections = new AtomicInteger();
  final AtomicInteger activeStreams = new AtomicInteger();
  final AtomicLong requests = new AtomicLong();
  final EngineState state = new EngineState();
  private final Pacing pacing;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel server;
  /**
   * At most about this many bytes of framed bodies are kept for the next stream of their
   * recording; past it the least recently asked for are dropped from the cache (their memory goes
   * back once the streams playing them end).
   */
  static final long FRAMED_CACHE_BYTES = 256L << 20;

  /** Recordings' prepared data by name, least recently asked for first; guarded by itself. */
  private final LinkedHashMap<String, Prepared> prepared = new LinkedHashMap<>(16, 0.75f, true);
  private long cachedBytes;
  private long cacheBudget = FRAMED_CACHE_BYTES;

  /**
   * Binds and starts serving at once.
   *
   * @throws IOException if the address cannot be bound
   */
  public EventLoopServer(RecordingLibrary library, String host, int port, Pacing pacing,
      Limits limits, Consumer<String> log) throws IOException {
    this(library, host, port, pacing, limits, Faults.NONE, log);
  }

  /**
   * Binds and starts serving at once, misbehaving as {@code faults} says.
   *
   * @throws IOException if the address cannot be bound
   */
  public EventLoopServer(RecordingLibrary library, String host, int port, Pacing pacing,
      Limits limits, Faults faults, Consumer<String> log) throws IOException {
    this.faults = faults;
    this.library = library;
    this.pacing = pacing;
    this.log = log;
    this.limits = limits;
    this.loopback = InetAddress.getByName(host).isLoopbackAddress();
    boolean epoll = Transport.epoll();
    this.boss = new MultiThreadIoEventLoopGroup(1, epoll ? EpollIoHandler.newFactory()
        : NioIoHandler.newFactory());
    this.workers = new MultiThreadIoEventLoopGroup(Transport.workers(), epoll
        ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    ServerBootstrap b = new ServerBootstrap().group(boss, workers)
        .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
        .option(ChannelOption.SO_BACKLOG, 4096)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            RequestDeadline deadline = new RequestDeadline(TimeUnit.SECONDS.toNanos(
                limits.requestTimeoutSeconds()), TimeUnit.SECONDS.toNanos(limits.idleSeconds()));
            ch.pipeline().addLast(deadline, new HttpServerCodec(),
                new BodyCap(limits.maxBodyBytes()), new RequestRouter(EventLoopServer.this,
                    deadline));
          }
        });
    try {
      this.server = b.bind(host, port).sync().channel();
    } catch (Exception e) {
      boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      throw new BindException("cannot listen on " + host + ":" + port + ": " + e.getMessage());
    }
  }

  /** The bound port. */
  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** {@code http://HOST:PORT/v1}. */
  public URI baseUrl() {
    return ServeJson.baseUrl((InetSocketAddress) server.localAddress());
  }

  public long streamed() {
    return state.streamed.get();
  }

  public long disconnects() {
    return state.disconnects.get();
  }

  public void awaitStop() {
    state.awaitStop();
  }

  /**
   * Stops accepting, ends every running stream cleanly (its timer stopped, the chunked body
   * terminated, so a client sees the stream end where it was rather than a broken connection),
   * closes every connection and frees the port.
   */
  @Override
  public void close() {
    if (!state.stopOnce()) {
      return;
    }
    server.close().syncUninterruptibly();
    for (Channel ch : channels) {
      RequestRouter r = ch.pipeline().get(RequestRouter.class);
      if (r != null) {
        ch.eventLoop().execute(r::endStream);
      }
    }
    channels.newCloseFuture().awaitUninterruptibly(2, TimeUnit.SECONDS);
    channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    synchronized (prepared) { // the streams have ended: the cache's references are the last
      prepared.values().forEach(p -> p.framed().release());
      prepared.clear();
      cachedBytes = 0;
    }
  }

  /**
   * What every stream of one recording shares, made once: its read plan at this server's pacing,
   * its body framed as chunks, and its dialect.
   */
  record Prepared(ReadPlan plan, FramedBody framed, Dialect dialect) {}

  /**
   * {@code rec}'s prepared data, made once while it stays in the cache, with one reference to its
   * framed body for the caller, who {@linkplain FramedBody#release() releases} it when its stream
   * is over.
   */
  Prepared prepared(Recording rec) {
    synchronized (prepared) {
      Prepared p = prepared.get(rec.name());
      if (p != null) {
        p.framed().retain();
        return p;
      }
    }
    ReadPlan plan = pacing.plan(rec); // made outside the lock: other loops go on meanwhile
    Prepared made = new Prepared(plan, FramedBody.of(rec.body(), plan),
        ChatStreamDecoder.detect(rec.body(), 0, rec.body().length));
    synchronized (prepared) {
      Prepared p = prepared.get(rec.name());
      if (p != null) { // another loop made it first
        made.framed().release();
      } else {
        p = made;
        prepared.put(rec.name(), p);
        cachedBytes += p.framed().size();
        for (var it = prepared.values().iterator(); cachedBytes > cacheBudget && it.hasNext(); ) {
          Prepared old = it.next();
          if (old != p) {
            it.remove();
            cachedBytes -= old.framed().size();
            old.framed().release();
          }
        }
      }
      p.framed().retain();
      return p;
    }
  }

  /** Sets the cache's budget (tests). */
  void cacheBudget(long bytes) {
    synchronized (prepared) {
      cacheBudget = bytes;
    }
  }

  /** The bytes of framed bodies in the cache now. */
  long cachedBytes() {
    synchronized (prepared) {
      return cachedBytes;
    }
  }

  static FullHttpResponse json(HttpResponseStatus status, JsonNode body) {
    byte[] bytes = ServeJson.bytes(body);
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        Unpooled.wrappedBuffer(bytes));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    return r;
  }

  /** An OpenAI-style error answer ({@link ServeJson#error}); also for the pipeline's guards. */
  static FullHttpResponse error(HttpResponseStatus status, String message, String type) {
    return json(status, ServeJson.error(message, type));
  }
}
