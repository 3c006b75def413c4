package org.ssechat.serve;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ssechat.replay.ReadPlan;

/**
 * A recording's body already framed as HTTP/1.1 chunks, one chunk per read of its plan
 * ({@code SIZE-HEX CRLF bytes CRLF}), in one shared read-only buffer. Reads are contiguous in the
 * body, so any run of them is one slice of this buffer: a paced stream writes slices of it
 * straight to the socket, with no chunk header built and no copy per write (the buffer is
 * direct memory, which native transports hand to the kernel as it is).
 *
 * <p>Reference-counted: whoever holds this body (the server's cache, each stream playing it)
 * holds one reference and {@link #release()}s it when done, and each write in flight holds one
 * (its slice is retained, and released once written). The memory goes back with the last.
 *
 * @param bytes  the framed body
 * @param starts where read {@code i}'s chunk starts; {@code starts[n]} is the end
 */
record FramedBody(ByteBuf bytes, int[] starts) {

  static FramedBody of(byte[] body, ReadPlan plan) {
    List<ReadPlan.Chunk> reads = plan.chunks();
    int[] starts = new int[reads.size() + 1];
    int size = 0;
    for (int i = 0; i < reads.size(); i++) {
      starts[i] = size;
      size += Integer.toHexString(reads.get(i).length()).length() + 4 + reads.get(i).length();
    }
    starts[reads.size()] = size;
    byte[] out = new byte[size];
    int at = 0;
    for (ReadPlan.Chunk c : reads) {
      byte[] head = (Integer.toHexString(c.length()) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(head, 0, out, at, head.length);
      at += head.length;
      System.arraycopy(body, c.offset(), out, at, c.length());
      at += c.length();
      out[at++] = '\r';
      out[at++] = '\n';
    }
    // direct: the native transports write a heap buffer by copying it into a direct one first
    return new FramedBody(Unpooled.directBuffer(size, size).writeBytes(out), starts);
  }

  /**
   * Reads {@code from} (inclusive) to {@code to} (exclusive) as chunks: a retained slice, not a
   * copy, which the write that takes it releases.
   */
  ByteBuf reads(int from, int to) {
    return bytes.retainedSlice(starts[from], starts[to] - starts[from]);
  }

  /** The bytes of direct memory this body holds. */
  int size() {
    return bytes.capacity();
  }

  /** One more holder. */
  FramedBody retain() {
    bytes.retain();
    return this;
  }

  /** A holder is done with it; the last one gives the memory back. */
  void release() {
    bytes.release();
  }
}
