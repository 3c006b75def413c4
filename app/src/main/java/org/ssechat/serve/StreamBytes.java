package org.ssechat.serve;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import org.ssechat.chat.ChatStreamDecoder.Dialect;
import org.ssechat.replay.EventBoundary;
import org.ssechat.replay.ReadPlan;

/**
 * What a stream writes for a run of its plan's reads: the recording's own bytes, or their
 * translation into the client's dialect. Writes are not flushed and carry no listener (the
 * player watches writability instead).
 */
interface StreamBytes {

  /** Writes reads {@code from} (inclusive) to {@code to} (exclusive). */
  void write(int from, int to);

  /** Writes what is left at the end of the recording (nothing for raw bytes). */
  void end();

  /**
   * Writes an in-stream error event in the client's dialect in place of read {@code at}, after
   * the reads before it: it continues what was sent (in a dialect that numbers its events, the
   * next number).
   */
  void error(String message, int at);

  /**
   * The recording's bytes, pre-framed ({@link FramedBody}): written from the pipeline's first
   * handler, so they go to the socket past the HTTP encoder, which has already sent a chunked
   * head and is waiting for the last chunk. An error event goes through the encoder.
   */
  static StreamBytes raw(ChannelHandlerContext ctx, FramedBody framed, byte[] body,
      ReadPlan plan, Dialect dialect) {
    ChannelHandlerContext first = ctx.pipeline().firstContext();
    return new Own(ctx, body, plan, dialect) {
      @Override
      public void write(int from, int to) {
        first.write(framed.reads(from, to), first.voidPromise());
      }
    };
  }

  /**
   * The recording's bytes through the HTTP encoder, for a response that is not chunked
   * (HTTP/1.0: the body runs to the close). Copied per write; HTTP/1.0 clients are rare.
   */
  static StreamBytes plain(ChannelHandlerContext ctx, byte[] body, ReadPlan plan,
      Dialect dialect) {
    return new Own(ctx, body, plan, dialect) {
      @Override
      public void write(int from, int to) {
        int offset = startOf(plan, from);
        ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(body, offset,
            endOf(plan, to) - offset)), ctx.voidPromise());
      }
    };
  }

  /**
   * The recording's own bytes: nothing left at the end; an error event is written alone, after
   * the rest of the event the recording was in the middle of.
   */
  abstract class Own implements StreamBytes {
    final ChannelHandlerContext ctx;
    final byte[] body;
    final ReadPlan plan;
    private final Dialect dialect;

    Own(ChannelHandlerContext ctx, byte[] body, ReadPlan plan, Dialect dialect) {
      this.ctx = ctx;
      this.body = body;
      this.plan = plan;
      this.dialect = dialect;
    }

    @Override
    public void end() {}

    @Override
    public void error(String message, int at) {
      int from = startOf(plan, at);
      int end = EventBoundary.atOrAfter(body, from); // the event under way is finished first
      if (end > from) {
        ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(body, from, end - from)),
            ctx.voidPromise());
      }
      ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(DialectEventWriter.errorAfter(
          dialect, message, body, end))), ctx.voidPromise());
    }
  }

  /** The recording decoded in its own dialect and re-encoded as the client's, read by read. */
  static StreamBytes translated(ChannelHandlerContext ctx, byte[] body, ReadPlan plan,
      Dialect from, Dialect to, String model) {
    Translation translation = new Translation(from, to, model);
    return new StreamBytes() {
      @Override
      public void write(int fromRead, int toRead) {
        int offset = startOf(plan, fromRead);
        send(translation.feed(body, offset, endOf(plan, toRead) - offset));
      }

      @Override
      public void end() {
        send(translation.finish());
      }

      @Override
      public void error(String message, int at) {
        send(translation.error(message));
      }

      private void send(byte[] out) {
        if (out.length > 0) {
          ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(out)), ctx.voidPromise());
        }
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
