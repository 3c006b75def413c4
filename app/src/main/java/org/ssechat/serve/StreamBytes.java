package org.ssechat.serve;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import org.ssechat.chat.ChatStreamDecoder;
import org.ssechat.chat.ChatStreamDecoder.Dialect;
import org.ssechat.replay.ReadPlan;
import org.ssechat.sse.SseLimits;
import org.ssechat.sse.SseParser;
import org.ssechat.sse.SseParsers;

/**
 * What a stream writes for a run of its plan's reads: the recording's own bytes, or their
 * translation into the client's dialect. Writes are not flushed and carry no listener (the
 * player watches writability instead).
 */
interface StreamBytes {

  /**
   * Writes reads {@code from} (inclusive) to {@code to} (exclusive); false if they came to
   * nothing (a translation with nothing to say yet).
   */
  boolean write(int from, int to);

  /** Writes what is left at the end of the recording (nothing for raw bytes). */
  void end();

  /**
   * Writes an in-stream error event in the client's dialect, continuing what was sent (a
   * translation numbers it in its own sequence).
   */
  void error(String message);

  /**
   * The recording's bytes, pre-framed ({@link FramedBody}): written from the pipeline's first
   * handler, so they go to the socket past the HTTP encoder, which has already sent a chunked
   * head and is waiting for the last chunk. An error event goes through the encoder.
   */
  static StreamBytes raw(ChannelHandlerContext ctx, FramedBody body, Dialect dialect) {
    ChannelHandlerContext first = ctx.pipeline().firstContext();
    return new Own(ctx, dialect) {
      @Override
      public boolean write(int from, int to) {
        first.write(body.reads(from, to), first.voidPromise());
        return true;
      }
    };
  }

  /**
   * The recording's bytes through the HTTP encoder, for a response that is not chunked
   * (HTTP/1.0: the body runs to the close). Copied per write; HTTP/1.0 clients are rare.
   */
  static StreamBytes plain(ChannelHandlerContext ctx, byte[] body, ReadPlan plan,
      Dialect dialect) {
    return new Own(ctx, dialect) {
      @Override
      public boolean write(int from, int to) {
        int offset = startOf(plan, from);
        ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(body, offset,
            endOf(plan, to) - offset)), ctx.voidPromise());
        return true;
      }
    };
  }

  /** The recording's own bytes: nothing left at the end; an error event is written alone. */
  abstract class Own implements StreamBytes {
    final ChannelHandlerContext ctx;
    private final Dialect dialect;

    Own(ChannelHandlerContext ctx, Dialect dialect) {
      this.ctx = ctx;
      this.dialect = dialect;
    }

    @Override
    public void end() {}

    @Override
    public void error(String message) {
      ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(DialectEventWriter.errorAlone(
          dialect, message))), ctx.voidPromise());
    }
  }

  /** The recording decoded in its own dialect and re-encoded as the client's, read by read. */
  static StreamBytes translated(ChannelHandlerContext ctx, byte[] body, ReadPlan plan,
      Dialect from, Dialect to, String model) {
    DialectEventWriter writer = TranslatedStream.writer(to, model);
    SseParser parser = SseParsers.create(SseParsers.DEFAULT, ChatStreamDecoder.of(from, writer),
        SseLimits.DEFAULTS);
    return new StreamBytes() {
      @Override
      public boolean write(int fromRead, int toRead) {
        int offset = startOf(plan, fromRead);
        parser.feed(body, offset, endOf(plan, toRead) - offset);
        return send(writer.drain());
      }

      @Override
      public void end() {
        parser.endOfInput();
        writer.finish();
        send(writer.drain());
      }

      @Override
      public void error(String message) {
        writer.error(message);
        send(writer.drain());
      }

      private boolean send(byte[] out) {
        if (out.length == 0) {
          return false;
        }
        ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(out)), ctx.voidPromise());
        return true;
      }
    };
  }

  /** Where read {@code from} starts in the body. */
  private static int startOf(ReadPlan plan, int from) {
    return plan.chunks().get(from).offset();
  }

  /** Where the reads before {@code to} end in the body. */
  private static int endOf(ReadPlan plan, int to) {
    ReadPlan.Chunk last = plan.chunks().get(to - 1);
    return last.offset() + last.length();
  }
}
