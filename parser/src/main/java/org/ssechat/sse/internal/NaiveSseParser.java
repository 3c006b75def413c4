package org.ssechat.sse.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.ssechat.sse.SseEvent;
import org.ssechat.sse.SseLimits;
import org.ssechat.sse.SseListener;
import org.ssechat.sse.SseParser;
import org.ssechat.sse.SseStreamEnd;

/**
 * The benchmark baseline: a faithful Java port of the SSE loop that Chinese relay docs hand their
 * users (dmxapi.cn, api.whatai.cc), kept with all its bugs on purpose:
 *
 * <pre>{@code
 * buffer += chunk.decode("utf-8")
 * while "\n" in buffer:
 *     line, buffer = buffer.split("\n", 1)
 *     if not line.strip(): continue
 *     if line.startswith("data: "):
 *         data_line = line[6:].strip()
 *         if data_line == "[DONE]": break
 *         ...json.loads(data_line)...
 * }</pre>
 *
 * <p>Differences from the Python, all forced by the API: each {@code data: } line is reported as
 * a {@code message} event (so {@code [DONE]} is an ordinary event; the {@code break} that follows it
 * is kept, so lines after it wait for the next read); JSON parsing is left to the caller; and where
 * Python's strict {@code decode} would raise on a multi-byte character split across reads, Java's
 * decoder silently turns each half into U+FFFD.
 *
 * <p>Known failures (demonstrated in {@code NaiveParserTest}, not fixed): split multi-byte
 * characters are corrupted; {@code data:} without a space is lost; CR-only streams never yield an
 * event (CRLF works only because {@code strip()} hides the CR); a leading BOM loses the first
 * event; events need no blank line (one event per {@code data} line, multi-line data is not
 * joined, an unterminated event at EOF is still reported); values are stripped on both sides;
 * {@code event}, {@code id} and {@code retry} are ignored; the buffer is unbounded (it ignores
 * {@link SseLimits}) and re-copied per line, so a read holding many lines costs quadratic time.
 */
public final class NaiveSseParser implements SseParser {

  private final SseListener listener;
  private String buffer = "";
  private long position;

  public NaiveSseParser(SseListener listener) {
    this.listener = listener;
  }

  @Override
  public void feed(byte[] buf, int off, int len) {
    Objects.checkFromIndexSize(off, len, buf.length);
    if (len == 0) {
      return; // if chunk:
    }
    position += len;
    buffer += new String(buf, off, len, StandardCharsets.UTF_8);
    while (buffer.contains("\n")) {
      int nl = buffer.indexOf('\n');
      String line = buffer.substring(0, nl);
      buffer = buffer.substring(nl + 1); // a new String per line: the quadratic part, kept
      if (pyStrip(line).isEmpty()) {
        continue;
      }
      if (line.startsWith("data: ")) {
        String data = pyStrip(line.substring(6));
        listener.onEvent(new NaiveEvent(data, position));
        if (data.equals("[DONE]")) {
          break;
        }
      }
    }
  }

  @Override
  public void feed(ByteBuffer buf) {
    byte[] copy = new byte[buf.remaining()];
    buf.get(copy);
    feed(copy, 0, copy.length);
  }

  @Override
  public SseStreamEnd endOfInput() {
    SseStreamEnd end = new SseStreamEnd(position,
        buffer.getBytes(StandardCharsets.UTF_8).length, false);
    buffer = "";
    position = 0;
    return end;
  }

  @Override
  public void reset() {
    endOfInput();
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public String lastEventId() {
    return null;
  }

  @Override
  public long retryMillis() {
    return -1;
  }

  /** Python's {@code str.strip()}: removes the characters {@code str.isspace()} accepts. */
  static String pyStrip(String s) {
    int b = 0;
    int e = s.length();
    while (b < e && isPySpace(s.charAt(b))) {
      b++;
    }
    while (e > b && isPySpace(s.charAt(e - 1))) {
      e--;
    }
    return s.substring(b, e);
  }

  private static boolean isPySpace(char c) {
    return c >= '\t' && c <= '\r' || c >= 0x1C && c <= ' ' || c == 0x85 || c == 0xA0
        || c == 0x1680 || c >= 0x2000 && c <= 0x200A || c == 0x2028 || c == 0x2029
        || c == 0x202F || c == 0x205F || c == 0x3000;
  }

  /** An owned, String-based event; the byte views are encoded on first request. */
  private static final class NaiveEvent implements SseEvent {
    private static final byte[] EMPTY = new byte[0];
    private final String data;
    private final long endOffset;
    private byte[] bytes;

    NaiveEvent(String data, long endOffset) {
      this.data = data;
      this.endOffset = endOffset;
    }

    @Override
    public byte[] dataArray() {
      if (bytes == null) {
        bytes = data.getBytes(StandardCharsets.UTF_8);
      }
      return bytes;
    }

    @Override
    public int dataOffset() {
      return 0;
    }

    @Override
    public int dataLength() {
      return dataArray().length;
    }

    @Override
    public String data() {
      return data;
    }

    @Override
    public byte[] typeArray() {
      return EMPTY;
    }

    @Override
    public int typeOffset() {
      return 0;
    }

    @Override
    public int typeLength() {
      return 0;
    }

    @Override
    public String type() {
      return "message";
    }

    @Override
    public String lastEventId() {
      return null;
    }

    /** Naive knows no line offsets: this is the stream position at the end of the read. */
    @Override
    public long endOffset() {
      return endOffset;
    }

    @Override
    public String toString() {
      return "SseEvent" + toMessage();
    }
  }
}
