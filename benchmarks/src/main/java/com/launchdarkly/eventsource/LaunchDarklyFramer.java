package com.launchdarkly.eventsource;

import com.launchdarkly.logging.LDLogger;
import java.io.InputStream;
import java.net.URI;
import java.util.Set;
import org.ssechat.benchmarks.EventSink;
import org.ssechat.benchmarks.Framer;

/**
 * LaunchDarkly's okhttp-eventsource 4.x parser ({@code EventParser}, package-private, hence this
 * class's package) pulling from an {@code InputStream} that returns at most {@code readSize} bytes
 * per read. Its read buffer is {@code readSize} clamped to [{@code MIN_READ_BUFFER_SIZE}, 64 KiB];
 * the library's own default is 1,000 bytes.
 */
public final class LaunchDarklyFramer implements Framer {

  private static final URI ORIGIN = URI.create("http://127.0.0.1/v1/chat/completions");

  private final EventSink sink;

  public LaunchDarklyFramer(EventSink sink) {
    this.sink = sink;
  }

  @Override
  public int parse(byte[] stream, int readSize) throws StreamException {
    int buffer = Math.max(EventParser.MIN_READ_BUFFER_SIZE, Math.min(readSize, 64 * 1024));
    EventParser parser = new EventParser(new ChunkedInputStream(stream, readSize), ORIGIN, buffer,
        false, Set.of(), LDLogger.none(), null);
    int events = 0;
    while (true) {
      StreamEvent e;
      try {
        e = parser.nextEvent();
      } catch (StreamClosedByServerException end) {
        return events;
      }
      if (e instanceof MessageEvent) {
        MessageEvent m = (MessageEvent) e;
        events++;
        sink.onEvent(m.getEventName(), m.getData());
      }
    }
  }

  /** Hands out the stream {@code readSize} bytes at a time. */
  static final class ChunkedInputStream extends InputStream {
    private final byte[] bytes;
    private final int readSize;
    private int pos;

    ChunkedInputStream(byte[] bytes, int readSize) {
      this.bytes = bytes;
      this.readSize = readSize;
    }

    @Override
    public int read() {
      return pos < bytes.length ? bytes[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (pos == bytes.length) {
        return -1;
      }
      int n = Math.min(Math.min(readSize, len), bytes.length - pos);
      System.arraycopy(bytes, pos, b, off, n);
      pos += n;
      return n;
    }
  }
}
