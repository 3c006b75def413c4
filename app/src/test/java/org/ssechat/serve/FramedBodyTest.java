package org.ssechat.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.ssechat.record.Recording;
import org.ssechat.replay.ReadPlan;
import org.ssechat.replay.Speed;

/** A recording framed as one HTTP chunk per read: any run of reads is valid chunked bytes. */
class FramedBodyTest {

  /**
   * The data of the chunks in {@code framed}, checking each chunk's size line as it goes; then
   * releases it, as a write would.
   */
  private static byte[] dechunk(ByteBuf framed, int expectedChunks) {
    try {
      return chunksOf(framed, expectedChunks);
    } finally {
      framed.release();
    }
  }

  private static byte[] chunksOf(ByteBuf framed, int expectedChunks) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int chunks = 0;
    while (framed.isReadable()) {
      StringBuilder size = new StringBuilder();
      byte b;
      while ((b = framed.readByte()) != '\r') {
        size.append((char) b);
      }
      assertThat(framed.readByte()).isEqualTo((byte) '\n');
      int n = Integer.parseInt(size.toString(), 16);
      assertThat(n).isPositive();
      byte[] data = new byte[n];
      framed.readBytes(data);
      out.writeBytes(data);
      assertThat(framed.readByte()).isEqualTo((byte) '\r');
      assertThat(framed.readByte()).isEqualTo((byte) '\n');
      chunks++;
    }
    assertThat(chunks).isEqualTo(expectedChunks);
    return out.toByteArray();
  }

  @Test
  void everyRunOfReadsIsThoseReadsAsChunks() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      sb.append("data: {\"n\":").append(i).append(",\"t\":\"").append("é".repeat(i % 40))
          .append("\"}\n\n");
    }
    byte[] body = sb.toString().getBytes(StandardCharsets.UTF_8);
    // reads of 1 byte up to several KiB: one-digit to four-digit hex sizes
    for (int size : new int[] {1, 15, 16, 255, 256, 4096, body.length}) {
      ReadPlan plan = ReadPlan.fixed(Recording.of("t", body, null, "t"), size, Speed.MAX);
      FramedBody framed = FramedBody.of(body, plan);
      try {
        int n = plan.chunks().size();
        assertThat(dechunk(framed.reads(0, n), n)).as("all, size %d", size).isEqualTo(body);
        SplittableRandom random = new SplittableRandom(size);
        for (int round = 0; round < 20; round++) {
          int from = random.nextInt(n);
          int to = random.nextInt(from + 1, n + 1);
          int start = plan.chunks().get(from).offset();
          ReadPlan.Chunk last = plan.chunks().get(to - 1);
          byte[] expected = java.util.Arrays.copyOfRange(body, start,
              last.offset() + last.length());
          assertThat(dechunk(framed.reads(from, to), to - from))
              .as("reads %d to %d, size %d", from, to, size).isEqualTo(expected);
        }
        assertThat(framed.bytes().isDirect()).isTrue();
        assertThat(framed.bytes().refCnt()).isOne(); // every slice given back
      } finally {
        framed.release();
      }
      assertThat(framed.bytes().refCnt()).isZero();
    }
  }
}
