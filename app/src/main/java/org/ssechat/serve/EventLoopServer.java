package org.ssechat.serve;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.ssechat.chat.ChatStreamDecoder;
import org.ssechat.chat.ChatStreamDecoder.Dialect;
import org.ssechat.client.ChatResult;
import org.ssechat.client.Outcome;
import org.ssechat.failure.Failures;
import org.ssechat.record.Recording;
import org.ssechat.replay.ReadPlan;
import org.ssechat.replay.RecordingLibrary;
import org.ssechat.replay.RecordingStreams;
import org.ssechat.replay.Speed;
import org.ssechat.sse.SseLimits;
import org.ssechat.sse.SseParser;
import org.ssechat.sse.SseParsers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code ssechat serve} on an event loop (Netty): the same endpoints as {@link RecordingServer},
 * without a thread per stream. Pacing is a timer on the connection's event loop that follows
 * the recording's read plan; a recording's bytes are one shared buffer written as slices of it
 * (no copy); the next read is written only when the last one has left (backpressure), and a
 * client that goes away stops its timer at once.
 *
 * <p>Guards: request bodies over {@link Limits#maxBodyBytes()} get 413; a request not complete
 * within {@link Limits#requestTimeoutSeconds()} of its first byte gets 408 and is closed
 * ({@link RequestDeadline}), so is a connection idle (no request,
 * no stream) for {@link Limits#idleSeconds()}; connections past
 * {@link Limits#maxConnections()} get 503, streams past {@link Limits#maxStreams()} 429; with a token, requests without
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


  /** Pacing's resolution: a read is sent at most this late on an idle server. */
  static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  /** At most this many bytes of due reads go out as one chunk. */
  static final int BATCH_BYTES = 64 * 1024;

  private final RecordingLibrary library;
  private final Speed speed;
  private final Consumer<String> log;
  private final Limits limits;
  private final boolean loopback;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel server;
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final Map<String, ByteBuf> bodies = new ConcurrentHashMap<>();
  private final Map<String, ReadPlan> plans = new ConcurrentHashMap<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger activeStreams = new AtomicInteger();
  private final EngineState state = new EngineState();
  private final AtomicLong requests = new AtomicLong();
  private final Faults faults;

  /**
   * Binds and starts serving at once.
   *
   * @throws IOException if the address cannot be bound
   */
  public EventLoopServer(RecordingLibrary library, String host, int port, Speed speed,
      Limits limits, Consumer<String> log) throws IOException {
    this(library, host, port, speed, limits, Faults.NONE, log);
  }

  /**
   * Binds and starts serving at once, misbehaving as {@code faults} says.
   *
   * @throws IOException if the address cannot be bound
   */
  public EventLoopServer(RecordingLibrary library, String host, int port, Speed speed,
      Limits limits, Faults faults, Consumer<String> log) throws IOException {
    this.faults = faults;
    this.library = library;
    this.speed = speed;
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
            ch.pipeline().addLast(new RequestDeadline(TimeUnit.SECONDS.toNanos(
                limits.requestTimeoutSeconds())), new IdleStateHandler(0, 0, limits.idleSeconds()),
                new HttpServerCodec(), new BodyCap(limits.maxBodyBytes()),
                new Handler());
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
      Handler h = ch.pipeline().get(Handler.class);
      if (h != null) {
        ch.eventLoop().execute(() -> h.endStream(ch));
      }
    }
    channels.newCloseFuture().awaitUninterruptibly(2, TimeUnit.SECONDS);
    channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** The recording's bytes as one shared read-only buffer, sliced for every stream. */
  private ByteBuf body(Recording rec) {
    return bodies.computeIfAbsent(rec.name(),
        n -> Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(rec.body())));
  }

  /** One connection: requests one at a time; a paced stream owns the connection until it ends. */
  private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private ScheduledFuture<?> timer;
    private boolean streaming;

    /** This connection's stream is over (ended, failed, cut): it no longer counts. */
    private boolean streamOver() {
      if (!streaming) {
        return false;
      }
      streaming = false;
      activeStreams.decrementAndGet();
      return true;
    }

    /** On the channel's loop: a running stream ends here (its last chunk), then the close. */
    void endStream(Channel ch) {
      if (timer != null) {
        timer.cancel(false);
      }
      if (streamOver()) {
        ch.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
            .addListener(ChannelFutureListener.CLOSE);
      } else {
        ch.close();
      }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
      if (connections.incrementAndGet() > limits.maxConnections()) {
        FullHttpResponse r = error(HttpResponseStatus.SERVICE_UNAVAILABLE, "this server is at its "
            + "limit of " + limits.maxConnections() + " connections; try again", "server_error");
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        r.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
      } else {
        channels.add(ctx.channel());
      }
      super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      connections.decrementAndGet();
      if (streamOver()) {
        state.disconnects.incrementAndGet();
      }
      if (timer != null) {
        timer.cancel(false);
      }
      super.channelInactive(ctx);
    }

    /** A keep-alive connection with no request and no stream for the idle time is closed. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof IdleStateEvent && !streaming) {
        ctx.close();
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (!(cause instanceof IOException)) {
        log.accept("connection failed: " + Failures.oneLine(cause));
      }
      ctx.close();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
      ctx.pipeline().get(RequestDeadline.class).requestComplete(); // it arrived in time
      if (!req.decoderResult().isSuccess()) {
        send(ctx, req, error(HttpResponseStatus.BAD_REQUEST, "malformed request",
            "invalid_request_error"));
        return;
      }
      String path = new QueryStringPath(req.uri()).path;
      String refusal = refusal(req);
      if (refusal != null) {
        HttpResponseStatus status = refusal.startsWith("host")
            ? HttpResponseStatus.MISDIRECTED_REQUEST : HttpResponseStatus.UNAUTHORIZED;
        send(ctx, req, error(status, refusal, "invalid_request_error"));
        log.accept(req.method() + " " + path + " refused: " + refusal);
        return;
      }
      try {
        route(ctx, req, path);
      } catch (RuntimeException | IOException e) {
        log.accept(req.method() + " " + path + " failed: " + Failures.oneLine(e));
        send(ctx, req, error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: "
            + Failures.oneLine(e), "server_error"));
      }
    }

    /** Why the request is refused (Host, token), or null. */
    private String refusal(FullHttpRequest req) {
      if (loopback) {
        String host = req.headers().get(HttpHeaderNames.HOST, "");
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
            : host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        if (!(name.equals("localhost") || name.equals("127.0.0.1") || name.equals("[::1]")
            || name.startsWith("127."))) {
          return "host '" + Failures.excerpt(host, null) + "' is not this loopback server "
              + "(DNS rebinding?)";
        }
      }
      if (limits.token() != null) {
        String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION, "");
        String key = req.headers().get("x-api-key", "");
        if (!auth.equals("Bearer " + limits.token()) && !key.equals(limits.token())) {
          return "a valid token is required (Authorization: Bearer TOKEN)";
        }
      }
      return null;
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest req, String path)
        throws IOException {
      boolean post = req.method().equals(HttpMethod.POST);
      if (path.equals("/v1/models") || path.equals("/models")) {
        send(ctx, req, json(HttpResponseStatus.OK, ServeJson.models(library)));
        log.accept("GET /v1/models -> " + library.names().size() + " models");
      } else if (path.equals("/v1/chat/completions") || path.equals("/chat/completions")
          || path.equals("/v1/messages") || path.equals("/v1/responses")) {
        if (!post) {
          send(ctx, req, error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method " + req.method()
              + " not allowed on " + path, "invalid_request_error"));
          return;
        }
        Dialect dialect = path.endsWith("messages") ? Dialect.MESSAGES
            : path.endsWith("responses") ? Dialect.RESPONSES : Dialect.CHAT;
        answer(ctx, req, path, dialect);
      } else {
        send(ctx, req, error(HttpResponseStatus.NOT_FOUND, "no route " + req.method() + " "
            + path + " (this server has POST /v1/chat/completions, /v1/messages, "
            + "/v1/responses and GET /v1/models)", "invalid_request_error"));
      }
    }

    private void answer(ChannelHandlerContext ctx, FullHttpRequest req, String path,
        Dialect dialect) throws IOException {
      JsonNode body;
      try (ByteBufInputStream in = new ByteBufInputStream(req.content())) {
        body = ServeJson.JSON.readTree(in);
      } catch (JacksonException e) {
        send(ctx, req, error(HttpResponseStatus.BAD_REQUEST, "request body is not valid JSON: "
            + Failures.oneLine(e), "invalid_request_error"));
        return;
      }
      if (body == null || !body.isObject()) {
        send(ctx, req, error(HttpResponseStatus.BAD_REQUEST, "request body must be a JSON "
            + "object", "invalid_request_error"));
        return;
      }
      boolean stream = body.path("stream").asBoolean(false);
      String prompt;
      if (dialect == Dialect.CHAT) {
        if (!body.path("messages").isArray()) {
          send(ctx, req, error(HttpResponseStatus.BAD_REQUEST, "'messages' must be an array",
              "invalid_request_error"));
          return;
        }
        prompt = RequestPrompts.lastUserMessage(body.path("messages"));
      } else {
        if (!stream) {
          send(ctx, req, error(HttpResponseStatus.BAD_REQUEST, "this server answers "
              + dialect.name().toLowerCase(java.util.Locale.ROOT) + " requests with stream: true "
              + "only", "invalid_request_error"));
          return;
        }
        prompt = RequestPrompts.prompt(body, dialect);
      }
      String model = body.path("model").isString() ? body.path("model").asString() : null;
      ServeAnswer a;
      try {
        a = ServeAnswer.select(library, model, prompt);
      } catch (IOException e) {
        String name = ServeAnswer.nameFor(library, model, prompt);
        send(ctx, req, error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "recording '" + name
            + "' is unreadable: " + Failures.oneLine(e), "server_error"));
        return;
      }
      String what = a.what(path, model);
      boolean keepAlive = HttpUtil.isKeepAlive(req);
      Faults.Draw draw = faults.draw(requests.getAndIncrement());
      Runnable respond = () -> respond(ctx, keepAlive, stream, a, model, dialect, what, draw);
      if (faults.slowFirstByteMs() > 0) {
        timer = ctx.executor().schedule(respond, faults.slowFirstByteMs(), TimeUnit.MILLISECONDS);
      } else {
        respond.run();
      }
    }

    private void respond(ChannelHandlerContext ctx, boolean keepAlive, boolean stream,
        ServeAnswer a, String model, Dialect dialect, String what, Faults.Draw draw) {
      if (!ctx.channel().isActive()) {
        return;
      }
      if (draw.kind() == Faults.Kind.STATUS_429 || draw.kind() == Faults.Kind.STATUS_500) {
        boolean busy = draw.kind() == Faults.Kind.STATUS_429;
        FullHttpResponse r = error(busy ? HttpResponseStatus.TOO_MANY_REQUESTS
            : HttpResponseStatus.INTERNAL_SERVER_ERROR, "injected fault: " + (busy
            ? "rate limited, retry after 1 s" : "internal error"), busy ? "rate_limit_error"
            : "server_error");
        if (busy) {
          r.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
        }
        send(ctx, keepAlive, r);
        log.accept(what + " (fault: " + (busy ? "status429" : "status500") + ")");
        return;
      }
      if (!stream) {
        aggregated(ctx, keepAlive, a, model, what);
        return;
      }
      if (activeStreams.incrementAndGet() > limits.maxStreams()) {
        activeStreams.decrementAndGet();
        FullHttpResponse r = error(HttpResponseStatus.TOO_MANY_REQUESTS, "this server is playing "
            + "its limit of " + limits.maxStreams() + " streams; retry", "rate_limit_error");
        r.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
        send(ctx, keepAlive, r);
        log.accept(what + " (refused: " + limits.maxStreams() + " streams running)");
        return;
      }
      streaming = true;
      HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
      head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
          .set(HttpHeaderNames.CACHE_CONTROL, "no-cache")
          .set("X-Ssechat-Match", a.match().kind().label());
      if (a.match().found()) {
        head.headers().set("X-Ssechat-Recording", a.rec().name());
      }
      HttpUtil.setTransferEncodingChunked(head, true);
      HttpUtil.setKeepAlive(head, keepAlive);
      ctx.writeAndFlush(head);
      Dialect from = a.dialect();
      Chunks chunks = from == dialect ? new RawChunks(body(a.rec()))
          : new TranslatedChunks(a.rec().body(), from, dialect,
              model == null ? a.rec().name() : model);
      ReadPlan plan = plans.computeIfAbsent(a.rec().name(), n -> ReadPlan.original(a.rec(),
          speed));
      Play play = new Play(ctx, keepAlive, plan, chunks, System.nanoTime(), what
          + (from == dialect ? " (streamed " + a.rec().body().length + " bytes)"
          : " (translated from " + from.name().toLowerCase(java.util.Locale.ROOT) + ")"),
          draw.kind(), (int) (draw.at() * plan.chunks().size()), dialect);
      play(play, 0);
    }

    /** One running stream: where it goes, what it plays, and the fault it is to meet. */
    private record Play(ChannelHandlerContext ctx, boolean keepAlive, ReadPlan plan,
        Chunks chunks, long start, String what, Faults.Kind fault, int faultAt,
        Dialect dialect) {}

    /**
     * Writes read {@code first} when it is due, with every later read already due (a late timer
     * or {@code --speed max}) in the same HTTP chunk, up to {@link #BATCH_BYTES}: bytes due at
     * the same moment would share a TCP segment anyway, and reads are contiguous in the
     * recording, so the batch is one range of it (one slice, or one feed of the translation).
     * The next is scheduled once they have left.
     */
    private void play(Play p, int first) {
      ChannelHandlerContext ctx = p.ctx();
      if (!ctx.channel().isActive()) {
        return;
      }
      long now = System.nanoTime();
      int i = first;
      int from = -1;
      int to = -1;
      while (from < 0 || to - from < BATCH_BYTES) {
        if (i == p.faultAt() && p.fault() != Faults.Kind.NONE) {
          if (from >= 0) {
            ctx.writeAndFlush(new DefaultHttpContent(p.chunks().read(from, to - from)));
          }
          fault(p); // what came before it has been sent
          return;
        }
        if (i == p.plan().chunks().size()) {
          if (from >= 0) {
            ctx.write(new DefaultHttpContent(p.chunks().read(from, to - from)));
          }
          finish(p);
          return;
        }
        ReadPlan.Chunk c = p.plan().chunks().get(i);
        long wait = p.start() + c.atNanos() - now;
        if (from >= 0 && (wait > 0 || c.offset() != to)) {
          break;
        }
        if (wait > 0) {
          int due = i;
          timer = ctx.executor().schedule(() -> play(p, due), onTick(now + wait) - now,
              TimeUnit.NANOSECONDS);
          return;
        }
        if (from < 0) {
          from = c.offset();
        }
        to = c.offset() + c.length();
        i++;
      }
      int next = i;
      ByteBuf out = p.chunks().read(from, to - from);
      if (!out.isReadable()) { // a translation with nothing to say for these reads
        out.release();
        ctx.executor().execute(() -> play(p, next));
        return;
      }
      ctx.writeAndFlush(new DefaultHttpContent(out)).addListener(f -> {
        if (f.isSuccess()) {
          play(p, next);
        } else {
          ctx.close();
        }
      });
    }

    /**
     * {@code nanos} rounded up to the next {@link #TICK_NANOS} boundary, so reads of all streams
     * due within one tick wake the event loop once, not once each (the epoll transport's timer
     * is precise to the nanosecond: without this, 5,000 streams woke it ~130,000 times a second).
     */
    private static long onTick(long nanos) {
      return Math.floorDiv(nanos + TICK_NANOS - 1, TICK_NANOS) * TICK_NANOS;
    }

    /** The stream's end: what the translation still holds, then the last chunk. */
    private void finish(Play p) {
      ChannelHandlerContext ctx = p.ctx();
      ByteBuf tail = p.chunks().end();
      if (tail.isReadable()) {
        ctx.write(new DefaultHttpContent(tail));
      }
      ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(f -> {
        if (f.isSuccess() && streamOver()) {
          state.streamed.incrementAndGet();
          log.accept(p.what());
        }
        if (!p.keepAlive()) {
          ctx.close();
        }
      });
    }

    /** A stream meets its injected fault part-way. */
    private void fault(Play p) {
      ChannelHandlerContext ctx = p.ctx();
      streamOver(); // not the client's doing
      switch (p.fault()) {
        case DROP -> ctx.close();
        case STALL -> { } // nothing more is sent; the connection stays open
        default -> ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(
            errorEvent(p.dialect()).getBytes(java.nio.charset.StandardCharsets.UTF_8))))
            .addListener(f -> ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT));
      }
      log.accept(p.what() + " (fault: " + p.fault().name().toLowerCase(java.util.Locale.ROOT)
          .replace('_', '-') + " at read " + p.faultAt() + ")");
    }

    private void aggregated(ChannelHandlerContext ctx, boolean keepAlive, ServeAnswer a,
        String model, String what) {
      ChatResult r = RecordingStreams.decode(a.rec(), model == null ? a.rec().name() : model);
      if (r.outcome() == Outcome.ERROR) {
        send(ctx, keepAlive, error(HttpResponseStatus.BAD_GATEWAY, r.error(), "server_error"));
        log.accept(what + " (recorded error: " + r.error() + ")");
        return;
      }
      FullHttpResponse resp = json(HttpResponseStatus.OK, CompletionJson.of("chatcmpl-"
          + a.rec().name(), System.currentTimeMillis() / 1000, r));
      resp.headers().set("X-Ssechat-Match", a.match().kind().label());
      send(ctx, keepAlive, resp);
      log.accept(what + " (aggregated, " + r.outcome().label() + ")");
    }

    private void send(ChannelHandlerContext ctx, FullHttpRequest req, FullHttpResponse resp) {
      send(ctx, HttpUtil.isKeepAlive(req), resp);
    }

    private void send(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse resp) {
      HttpUtil.setKeepAlive(resp, keepAlive);
      var f = ctx.writeAndFlush(resp);
      if (!keepAlive) {
        f.addListener(ChannelFutureListener.CLOSE);
      }
    }
  }

  /** The in-stream error an injected {@code midstream-error} sends, in the client's dialect. */
  static String errorEvent(Dialect dialect) {
    String msg = "injected fault: midstream-error";
    return switch (dialect) {
      case CHAT -> "data: {\"error\":{\"message\":\"" + msg + "\",\"type\":\"server_error\"}}\n\n";
      case MESSAGES -> "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":"
          + "\"api_error\",\"message\":\"" + msg + "\"}}\n\n";
      case RESPONSES -> "event: error\ndata: {\"type\":\"error\",\"code\":\"server_error\","
          + "\"message\":\"" + msg + "\",\"param\":null}\n\n";
    };
  }

  /** The bytes a stream sends per read: slices of the recording, or their translation. */
  private interface Chunks {
    ByteBuf read(int offset, int length);

    /** What is left to send at the end (empty for raw bytes). */
    ByteBuf end();
  }

  /** The recording's own bytes: slices of the one shared buffer, no copy. */
  private record RawChunks(ByteBuf body) implements Chunks {
    @Override
    public ByteBuf read(int offset, int length) {
      return body.slice(offset, length);
    }

    @Override
    public ByteBuf end() {
      return Unpooled.EMPTY_BUFFER;
    }
  }

  /** The recording decoded in its own dialect, re-encoded as the client's, read by read. */
  private static final class TranslatedChunks implements Chunks {
    private final byte[] body;
    private final DialectEventWriter writer;
    private final SseParser parser;

    TranslatedChunks(byte[] body, Dialect from, Dialect to, String model) {
      this.body = body;
      this.writer = TranslatedStream.writer(to, model);
      this.parser = SseParsers.create(SseParsers.DEFAULT, ChatStreamDecoder.of(from, writer),
          SseLimits.DEFAULTS);
    }

    @Override
    public ByteBuf read(int offset, int length) {
      parser.feed(body, offset, length);
      return Unpooled.wrappedBuffer(writer.drain());
    }

    @Override
    public ByteBuf end() {
      parser.endOfInput();
      writer.finish();
      return Unpooled.wrappedBuffer(writer.drain());
    }
  }

  private static FullHttpResponse json(HttpResponseStatus status, JsonNode body) {
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

  /** The path of a request URI, without its query. */
  private record QueryStringPath(String path) {
    QueryStringPath {
      int q = path.indexOf('?');
      path = q < 0 ? path : path.substring(0, q);
    }
  }
}
