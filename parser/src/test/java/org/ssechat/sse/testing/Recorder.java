package org.ssechat.sse.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ssechat.sse.SseEvent;
import org.ssechat.sse.SseLimits;
import org.ssechat.sse.SseListener;
import org.ssechat.sse.SseMessage;
import org.ssechat.sse.SseParser;
import org.ssechat.sse.SseParsers;
import org.ssechat.sse.SseStreamEnd;
import org.ssechat.sse.Utf8;

/**
 * Feeds an input to a named parser at a given chunking and records everything it reports. Each
 * read is fed from a fresh array that is scribbled over right after {@code feed} returns, so a
 * parser that keeps a view of the caller's buffer past the call is caught.
 */
public final class Recorder implements SseListener {

  /** Everything one run produced. */
  public record Result(List<SseMessage> events, List<String> comments, Long retry,
      SseStreamEnd end) {}

  public final List<SseMessage> events = new ArrayList<>();
  public final List<String> comments = new ArrayList<>();
  public Long retry;

  @Override
  public void onEvent(SseEvent e) {
    SseMessage m = e.toMessage();
    // The byte view must agree with the decoded view.
    String fromBytes = Utf8.decodeExact(e.dataArray(), e.dataOffset(), e.dataLength());
    if (!fromBytes.equals(m.data())) {
      throw new AssertionError("data() and the data bytes disagree: " + m);
    }
    events.add(m);
  }

  @Override
  public void onComment(byte[] buf, int off, int len) {
    comments.add(Utf8.decode(buf, off, len));
  }

  @Override
  public void onRetry(long millis) {
    retry = millis;
  }

  /** Runs {@code input} through parser {@code name} cut as {@code chunking}. */
  public static Result run(String name, byte[] input, Chunkings.Chunking chunking,
      SseLimits limits) {
    Recorder r = new Recorder();
    SseParser parser = SseParsers.create(name, r, limits);
    int pos = 0;
    for (int size : chunking.sizes()) {
      // Pad the read with junk on both sides: offsets matter, and bytes outside must be ignored.
      byte[] read = new byte[size + 6];
      Arrays.fill(read, (byte) '\n');
      System.arraycopy(input, pos, read, 3, size);
      parser.feed(read, 3, size);
      Arrays.fill(read, (byte) 'X');
      pos += size;
    }
    SseStreamEnd end = parser.endOfInput();
    if (end.totalBytes() != input.length) {
      throw new AssertionError("position " + end.totalBytes() + " != " + input.length);
    }
    return new Result(List.copyOf(r.events), List.copyOf(r.comments), r.retry, end);
  }

  public static Result run(String name, byte[] input, Chunkings.Chunking chunking) {
    return run(name, input, chunking, SseLimits.DEFAULTS);
  }
}
