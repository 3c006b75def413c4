package org.ssechat.benchmarks;

import okhttp3.sse.internal.ServerSentEventReader;
import okio.Buffer;
import okio.Okio;
import okio.Source;
import okio.Timeout;

/**
 * okhttp-sse's own reader ({@code okhttp3.sse.internal.ServerSentEventReader}, the one
 * {@code RealEventSource} runs) over an okio source that returns at most {@code readSize} bytes
 * per read, as a socket would.
 */
final class OkhttpFramer implements Framer, ServerSentEventReader.Callback {

  private final EventSink sink;
  private int events;

  OkhttpFramer(EventSink sink) {
    this.sink = sink;
  }

  @Override
  public int parse(byte[] stream, int readSize) throws Exception {
    events = 0;
    ServerSentEventReader reader =
        new ServerSentEventReader(Okio.buffer(new ChunkedSource(stream, readSize)), this);
    while (reader.processNextEvent()) {
      // each call reads one event (or the end)
    }
    return events;
  }

  @Override
  public void onEvent(String id, String type, String data) {
    events++;
    sink.onEvent(type, data);
  }

  @Override
  public void onRetryChange(long timeMs) {}

  /** Hands out the stream {@code readSize} bytes at a time. */
  static final class ChunkedSource implements Source {
    private final byte[] bytes;
    private final int readSize;
    private int pos;

    ChunkedSource(byte[] bytes, int readSize) {
      this.bytes = bytes;
      this.readSize = readSize;
    }

    @Override
    public long read(Buffer sink, long byteCount) {
      if (pos == bytes.length) {
        return -1;
      }
      int n = (int) Math.min(Math.min(readSize, byteCount), bytes.length - pos);
      sink.write(bytes, pos, n);
      pos += n;
      return n;
    }

    @Override
    public Timeout timeout() {
      return Timeout.NONE;
    }

    @Override
    public void close() {}
  }
}
