package org.ssechat.serve;

import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.ssechat.chat.ChatStreamDecoder.Dialect;
import org.ssechat.failure.Failures;

/**
 * One connection of {@link EventLoopServer}: takes its requests one at a time, refuses what the
 * guards refuse (Host, token, stream limit, injected status faults), answers {@code /v1/models}
 * and non-streaming requests whole, and hands a streaming request to a {@link StreamPlayer},
 * which owns the connection until its stream ends. Requests a client sends ahead (HTTP/1.1
 * pipelining) while one is answered wait, in order, and reading stops meanwhile. Runs on the
 * connection's event loop.
 */
final class RequestRouter extends SimpleChannelInboundHandler<FullHttpRequest>
    implements StreamPlayer.Owner {
  /**
   * At most this many requests wait behind the one being answered; a client that pipelines more
   * is cut. Reading stops while requests wait, so only what one read decodes can arrive.
   */
  static final int MAX_PIPELINED = 16;

  /**
   * A loopback IPv4 literal: {@code 127.} alone would also let in a name such as
   * {@code 127.attacker.example}, which DNS rebinding can point here.
   */
  private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.\\d{1,3}){3}");

  private final EventLoopServer server;
  private final RequestDeadline deadline;
  private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>();
  /** A request is being answered: one that arrives now waits in {@link #waiting}. */
  private boolean answering;
  private ChannelHandlerContext ctx;
  private ScheduledFuture<?> pending;
  private StreamPlayer player;
  /** The prepared recording the player plays; this connection holds a reference to its body. */
  private EventLoopServer.Prepared held;
  private String playing;
  private boolean keepAlive;
  private boolean http10;

  RequestRouter(EventLoopServer server, RequestDeadline deadline) {
    this.server = server;
    this.deadline = deadline;
  }

  /** On the channel's loop: a running stream ends here (its last chunk), then the close. */
  void endStream() {
    if (pending != null) {
      pending.cancel(false);
    }
    StreamPlayer p = player;
    if (p != null && streamOver()) {
      p.cancel();
      ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
          .addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.close();
    }
  }

  /** This connection's stream is over (ended, failed, cut): it no longer counts. */
  private boolean streamOver() {
    if (player == null) {
      return false;
    }
    player = null;
    held.framed().release(); // writes still in flight hold their own references
    held = null;
    server.activeStreams.decrementAndGet();
    return true;
  }

  @Override
  public void streamEnded(StreamPlayer p, boolean completed, boolean terminated) {
    if (p != player || !streamOver()) {
      return;
    }
    if (completed) {
      server.state.streamed.incrementAndGet();
      server.log.accept(playing);
    } else {
      server.log.accept(playing + " (fault: " + p.faultName() + " at read " + p.faultAt() + ")");
    }
    if (!terminated) { // dropped or stalled mid-body: nothing more may follow on this connection
      ctx.channel().config().setAutoRead(false);
      for (FullHttpRequest r; (r = waiting.poll()) != null; ) {
        r.release();
      }
    } else if (!keepAlive) {
      ctx.close();
    } else {
      answered();
    }
  }

  /** The answer under way is complete and the connection stays open: the next request. */
  private void answered() {
    answering = false;
    FullHttpRequest next = waiting.poll();
    if (next == null) {
      ctx.channel().config().setAutoRead(true);
      deadline.answered();
      return;
    }
    try {
      handle(next);
    } finally {
      next.release();
    }
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    int max = server.limits.maxConnections();
    if (server.connections.incrementAndGet() > max) {
      FullHttpResponse r = EventLoopServer.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "this "
          + "server is at its limit of " + max + " connections; try again", "server_error");
      r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      r.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
      ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    } else {
      server.channels.add(ctx.channel());
    }
    super.channelActive(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    server.connections.decrementAndGet();
    StreamPlayer p = player;
    if (streamOver()) {
      p.cancel();
      server.state.disconnects.incrementAndGet();
    }
    if (pending != null) {
      pending.cancel(false);
    }
    for (FullHttpRequest r; (r = waiting.poll()) != null; ) {
      r.release();
    }
    super.channelInactive(ctx);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    if (player != null) {
      player.writabilityChanged();
    }
    super.channelWritabilityChanged(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!(cause instanceof IOException)) {
      server.log.accept("connection failed: " + Failures.oneLine(cause));
    }
    ctx.close();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    if (answering) { // sent ahead: answered in order when the answer under way is done
      if (waiting.size() == MAX_PIPELINED) {
        server.log.accept("connection cut: over " + MAX_PIPELINED + " requests sent ahead");
        ctx.close();
        return;
      }
      waiting.add(req.retain());
      ctx.channel().config().setAutoRead(false);
      return;
    }
    deadline.requestComplete(); // it arrived in time
    handle(req);
  }

  private void handle(FullHttpRequest req) {
    answering = true;
    keepAlive = HttpUtil.isKeepAlive(req);
    http10 = req.protocolVersion().equals(HttpVersion.HTTP_1_0);
    if (!req.decoderResult().isSuccess()) {
      send(error(HttpResponseStatus.BAD_REQUEST, "malformed request", "invalid_request_error"));
      return;
    }
    String path = pathOf(req.uri());
    String method = req.method().name();
    try {
      guard(req);
      ServeRequest.Route route = ServeRequest.route(method, path);
      if (route.models()) {
        send(EventLoopServer.json(HttpResponseStatus.OK, ServeJson.models(server.library)));
        server.log.accept("GET /v1/models -> " + server.library.names().size() + " models");
        return;
      }
      ServeRequest.Ask ask;
      try (ByteBufInputStream in = new ByteBufInputStream(req.content())) {
        ask = ServeRequest.read(in, route.dialect());
      }
      answer(path, route.dialect(), ask);
    } catch (ServeRequest.Refused r) {
      send(error(HttpResponseStatus.valueOf(r.status()), r.getMessage(), r.type()));
      server.log.accept(method + " " + path + " refused: " + r.getMessage());
    } catch (RuntimeException | IOException e) {
      server.log.accept(method + " " + path + " failed: " + Failures.oneLine(e));
      send(error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error: "
          + Failures.oneLine(e), "server_error"));
    }
  }

  /**
   * The guards of this engine: on a loopback bind a {@code Host} that is not a loopback name
   * (421, DNS rebinding), and without the token when one is set (401).
   */
  private void guard(FullHttpRequest req) throws ServeRequest.Refused {
    if (server.loopback) {
      String host = req.headers().get(HttpHeaderNames.HOST, "");
      String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
          : host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
      if (!(name.equals("localhost") || name.equals("[::1]")
          || LOOPBACK_V4.matcher(name).matches())) {
        throw ServeRequest.Refused.invalid(421, "host '" + Failures.excerpt(host, null)
            + "' is not this loopback server (DNS rebinding?)");
      }
    }
    String token = server.limits.token();
    if (token != null) {
      String auth = req.headers().get(HttpHeaderNames.AUTHORIZATION, "");
      String key = req.headers().get("x-api-key", "");
      if (!(auth.startsWith("Bearer ") && same(auth.substring(7), token) || same(key, token))) {
        throw ServeRequest.Refused.invalid(401, "a valid token is required (Authorization: "
            + "Bearer TOKEN)");
      }
    }
  }

  private void answer(String path, Dialect dialect, ServeRequest.Ask ask)
      throws ServeRequest.Refused {
    String model = ask.model();
    boolean stream = ask.stream();
    ServeAnswer a = ServeAnswer.select(server.library, model, ask.prompt());
    String what = a.what(path, model);
    Faults.Draw draw = server.faults.draw(server.requests.getAndIncrement());
    Runnable respond = () -> respond(stream, a, model, dialect, what, draw);
    long slow = server.faults.slowFirstByteMs();
    if (slow > 0) {
      pending = ctx.executor().schedule(respond, slow, TimeUnit.MILLISECONDS);
    } else {
      respond.run();
    }
  }

  private void respond(boolean stream, ServeAnswer a, String model, Dialect dialect,
      String what, Faults.Draw draw) {
    pending = null;
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
      send(r);
      server.log.accept(what + " (fault: " + draw.kind().spelling() + ")");
      return;
    }
    if (!stream) {
      aggregated(a, model, what);
      return;
    }
    int max = server.limits.maxStreams();
    if (server.activeStreams.incrementAndGet() > max) {
      server.activeStreams.decrementAndGet();
      FullHttpResponse r = error(HttpResponseStatus.TOO_MANY_REQUESTS, "this server is playing "
          + "its limit of " + max + " streams; retry", "rate_limit_error");
      r.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
      send(r);
      server.log.accept(what + " (refused: " + max + " streams running)");
      return;
    }
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream")
        .set(HttpHeaderNames.CACHE_CONTROL, "no-cache")
        .set("X-Ssechat-Match", a.match().kind().label());
    if (a.match().found()) {
      head.headers().set("X-Ssechat-Recording", a.rec().name());
    }
    if (http10) {
      keepAlive = false; // HTTP/1.0 has no chunks: the body runs to the close
    } else {
      HttpUtil.setTransferEncodingChunked(head, true);
    }
    HttpUtil.setKeepAlive(head, keepAlive);
    ctx.write(head, ctx.voidPromise());
    EventLoopServer.Prepared rec = server.prepared(a.rec());
    Dialect from = rec.dialect();
    StreamBytes bytes;
    try {
      bytes = from != dialect
          ? StreamBytes.translated(ctx, a.rec().body(), rec.plan(), from, dialect,
              model == null ? a.rec().name() : model)
          : http10 ? StreamBytes.plain(ctx, a.rec().body(), rec.plan(), dialect)
          : StreamBytes.raw(ctx, rec.framed(), a.rec().body(), rec.plan(), dialect);
    } catch (RuntimeException e) {
      rec.framed().release();
      server.activeStreams.decrementAndGet();
      throw e;
    }
    playing = what + (from == dialect ? " (streamed " + a.rec().body().length + " bytes)"
        : " (translated from " + from.name().toLowerCase(Locale.ROOT) + ")");
    held = rec;
    player = new StreamPlayer(ctx, this, rec.plan(), bytes, draw);
    try {
      player.start();
    } catch (RuntimeException e) { // the head is out: no error answer can follow it
      server.log.accept(what + " failed mid-stream: " + Failures.oneLine(e));
      StreamPlayer p = player;
      if (streamOver()) {
        p.cancel();
      }
      ctx.close();
    }
  }

  private void aggregated(ServeAnswer a, String model, String what) {
    ServeAnswer.Completion c;
    try {
      c = a.completion(model);
    } catch (ServeRequest.Refused r) {
      send(error(HttpResponseStatus.valueOf(r.status()), r.getMessage(), r.type()));
      server.log.accept(what + " (recorded error: " + r.getMessage() + ")");
      return;
    }
    FullHttpResponse resp = EventLoopServer.json(HttpResponseStatus.OK, c.json());
    resp.headers().set("X-Ssechat-Match", a.match().kind().label());
    send(resp);
    server.log.accept(what + " (aggregated, " + c.outcome() + ")");
  }

  /** A whole answer; then the connection closes, or waits for the next request. */
  private void send(FullHttpResponse resp) {
    HttpUtil.setKeepAlive(resp, keepAlive);
    var f = ctx.writeAndFlush(resp);
    if (!keepAlive) {
      f.addListener(ChannelFutureListener.CLOSE);
    } else {
      answered();
    }
  }

  private static FullHttpResponse error(HttpResponseStatus status, String message, String type) {
    return EventLoopServer.error(status, message, type);
  }

  /** Whether a token sent equals the token, in a time that does not tell how much matched. */
  private static boolean same(String sent, String token) {
    return MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
        token.getBytes(StandardCharsets.UTF_8));
  }

  /** The path of a request URI, without its query. */
  private static String pathOf(String uri) {
    int q = uri.indexOf('?');
    return q < 0 ? uri : uri.substring(0, q);
  }
}
