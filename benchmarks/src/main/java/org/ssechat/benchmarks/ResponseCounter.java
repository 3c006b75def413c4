package org.ssechat.benchmarks;

import io.netty.buffer.ByteBuf;
import java.util.Locale;

/**
 * Reads HTTP/1.1 responses from raw bytes, push-style, and reports only what the load tool
 * needs: each response's status, how many body bytes have arrived so far, and its end. Bodies
 * are chunked or sized by {@code Content-Length}. Nothing is built per chunk: Netty's
 * {@code HttpClientCodec} makes objects for every chunk, which at 100,000+ reads a second is a
 * visible part of the load tool's own CPU, taken from the server it measures on a shared box.
 *
 * <p>Not a general HTTP client: no 1xx responses, no bodies delimited by close, no {@code HEAD}.
 * A response it cannot read is reported through {@link Listener#malformed}, and nothing more is
 * read.
 */
final class ResponseCounter {

  /** What a response tells the user of this counter; called on the feeding thread. */
  interface Listener {
    void head(int status);

    /** More body bytes arrived; {@code total} is the count so far in this response. */
    void body(long total);

    void end();

    void malformed(String why);
  }

  /** Where the reader is in the current response. */
  private enum State {
    /** The status line, into {@link #line}. */
    STATUS_LINE,
    /** A header line, into {@link #line}; the empty one ends the head. */
    HEADER_LINE,
    /** Hex digits of a chunk size, into {@link #left}. */
    CHUNK_SIZE,
    /** A chunk extension after ';', skipped to its LF. */
    CHUNK_EXTENSION,
    /** {@link #left} bytes of chunk data. */
    CHUNK_DATA,
    /** The CRLF after a chunk's data. */
    CHUNK_END,
    /** Trailer lines after the last chunk, into {@link #line}; the empty one ends it. */
    TRAILER_LINE,
    /** {@link #left} bytes of a {@code Content-Length} body. */
    FIXED_BODY,
    /** Unreadable: nothing more is read. */
    FAILED
  }

  /** Longest status, header or trailer line accepted. */
  static final int MAX_LINE = 8192;

  private final Listener listener;
  private final StringBuilder line = new StringBuilder();
  private State state = State.STATUS_LINE;
  private boolean chunked;
  private long contentLength;
  private long left;
  private int digits;
  private long total;
  private long reported;

  ResponseCounter(Listener listener) {
    this.listener = listener;
  }

  /** Reads all of {@code in} (its reader index moves to the end). */
  void feed(ByteBuf in) {
    while (in.isReadable() && state != State.FAILED) {
      switch (state) {
        case CHUNK_DATA, FIXED_BODY -> {
          int n = (int) Math.min(left, in.readableBytes());
          in.skipBytes(n);
          left -= n;
          total += n;
          if (left == 0) {
            if (state == State.FIXED_BODY) {
              endResponse();
            } else {
              state = State.CHUNK_END;
              digits = 0;
            }
          }
        }
        case CHUNK_SIZE -> chunkSize(in.readByte());
        case CHUNK_EXTENSION -> {
          if (in.readByte() == '\n') {
            chunkSizeDone();
          }
        }
        case CHUNK_END -> {
          byte b = in.readByte();
          if (b == '\n') {
            state = State.CHUNK_SIZE;
            left = 0;
            digits = 0;
          } else if (b != '\r' || digits++ > 0) {
            fail("chunk longer than its size");
          }
        }
        default -> {
          if (readLine(in)) {
            try {
              onLine(line.toString());
            } catch (NumberFormatException e) {
              fail("bad number in '" + line + "'");
            }
            line.setLength(0);
          }
        }
      }
    }
    report();
  }

  private void report() {
    if (total != reported) {
      reported = total;
      listener.body(total);
    }
  }

  private void chunkSize(byte b) {
    int hex = Character.digit(b, 16);
    if (hex >= 0 && digits < 15) {
      left = left << 4 | hex;
      digits++;
    } else if (digits > 0 && b == ';') {
      state = State.CHUNK_EXTENSION;
    } else if (digits > 0 && b == '\n') {
      chunkSizeDone();
    } else if (digits == 0 || b != '\r') {
      fail("bad chunk size");
    }
  }

  private void chunkSizeDone() {
    state = left == 0 ? State.TRAILER_LINE : State.CHUNK_DATA;
  }

  /** Appends to {@link #line} up to its LF; true when the line is whole (CR LF stripped). */
  private boolean readLine(ByteBuf in) {
    while (in.isReadable()) {
      byte b = in.readByte();
      if (b == '\n') {
        int n = line.length();
        if (n > 0 && line.charAt(n - 1) == '\r') {
          line.setLength(n - 1);
        }
        return true;
      }
      if (line.length() >= MAX_LINE) {
        fail("line over " + MAX_LINE + " bytes");
        return false;
      }
      line.append((char) (b & 0xff));
    }
    return false;
  }

  private void onLine(String l) {
    switch (state) {
      case STATUS_LINE -> {
        if (!l.startsWith("HTTP/1.") || l.length() < 12) {
          fail("not an HTTP/1.x status line");
          return;
        }
        chunked = false;
        contentLength = -1;
        total = 0;
        reported = 0;
        listener.head(Integer.parseInt(l.substring(9, 12)));
        state = State.HEADER_LINE;
      }
      case HEADER_LINE -> {
        if (!l.isEmpty()) {
          int colon = l.indexOf(':');
          String name = colon < 0 ? l : l.substring(0, colon).trim().toLowerCase(Locale.ROOT);
          String value = colon < 0 ? "" : l.substring(colon + 1).trim();
          if (name.equals("transfer-encoding")) {
            chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
          } else if (name.equals("content-length")) {
            contentLength = Long.parseLong(value);
          }
        } else if (chunked) {
          state = State.CHUNK_SIZE;
          left = 0;
          digits = 0;
        } else if (contentLength > 0) {
          left = contentLength;
          state = State.FIXED_BODY;
        } else {
          endResponse();
        }
      }
      case TRAILER_LINE -> {
        if (l.isEmpty()) {
          endResponse();
        }
      }
      default -> throw new IllegalStateException(state.name());
    }
  }

  private void endResponse() {
    report(); // the body is whole before the end is told
    state = State.STATUS_LINE;
    listener.end();
  }

  private void fail(String why) {
    state = State.FAILED;
    listener.malformed(why);
  }
}
