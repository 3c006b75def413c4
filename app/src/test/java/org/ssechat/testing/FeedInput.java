package org.ssechat.testing;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;

/** An input stream tests type into; {@link #read()} blocks until bytes are fed. */
public final class FeedInput extends InputStream {
  private final LinkedBlockingQueue<Integer> bytes = new LinkedBlockingQueue<>();

  public void type(String text) {
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      bytes.add(b & 0xFF);
    }
  }

  public void clear() {
    bytes.clear();
  }

  @Override
  public int read() {
    try {
      return bytes.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    int first = read();
    if (first < 0) {
      return -1;
    }
    b[off] = (byte) first;
    int n = 1;
    Integer next;
    while (n < len && (next = bytes.poll()) != null) {
      b[off + n++] = (byte) (int) next;
    }
    return n;
  }

  @Override
  public int available() {
    return bytes.size();
  }
}
