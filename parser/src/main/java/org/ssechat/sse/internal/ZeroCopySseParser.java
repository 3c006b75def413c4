package org.ssechat.sse.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import org.ssechat.sse.SseEvent;
import org.ssechat.sse.SseLimitException;
import org.ssechat.sse.SseLimits;
import org.ssechat.sse.SseListener;
import org.ssechat.sse.SseParser;
import org.ssechat.sse.SseStreamEnd;
import org.ssechat.sse.Utf8;

/**
 * The byte-level WHATWG parser.
 *
 * <p>Invariants:
 * <ul>
 *   <li>Lines are cut only at CR and LF, found with a SWAR scan; a line that ends inside the
 *       current input is processed in place. Only a line cut by the end of a read is copied: a
 *       data line's value straight into {@code data}, joined to the event's data (line state
 *       {@code IN_DATA_LINE}); any other line into {@code line} (reused, grown up to
 *       {@code maxLineBytes}) until it ends ({@code IN_LINE}).
 *   <li>A read that only extends a cut data line takes the fast path ({@link #extendDataLine}):
 *       one pass that scans and copies, and one bound check ({@code dataLineMax}).
 *   <li>An event's data and type are views into the input while they sit in one read (data
 *       state {@code DATA_VIEW}). Before {@code feed} returns, any pending view is copied into
 *       owned buffers ({@link #pin()}, {@code DATA_OWNED}), since the caller may reuse its array.
 *       A second data line also moves the data into {@code data} (joining needs contiguous
 *       bytes).
 *   <li>{@code skipLf}: the last line ended with a CR; an LF as the next byte (in this read or the
 *       next) belongs to it.
 * </ul>
 */
public final class ZeroCopySseParser implements SseParser {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGHS = 0x8080808080808080L;
  private static final long BELOW_CR_LF = 0x0E0E0E0E0E0E0E0EL;
  private static final byte LF = '\n';
  private static final byte CR = '\r';
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  private static final byte[] EMPTY = new byte[0];
  private static final byte[] NEWLINE = {LF};
  private static final String MESSAGE = "message";
  /** The copy buffer for {@code ByteBuffer}s without an accessible array: one read at a time. */
  private static final int BOUNCE_BYTES = 8192;
  /** The smallest capacity an owned buffer grows to. */
  private static final int MIN_CAPACITY = 64;

  private final SseListener listener;
  private final int maxLine;
  private final int maxEvent;
  private final View view = new View();

  // Stream state.
  private long base; // absolute offset of index 0 of the array being fed (may be negative)
  private long position; // bytes fed in this stream
  private int bomSeen; // how many BOM bytes matched so far; 3 = check over (stripped or not)
  private boolean skipLf;
  private boolean failed;
  private boolean feeding; // inside feed: listener callbacks may not re-enter the parser

  // Where the parser is within a line, across reads (lineState):
  //   AT_LINE_START: no line in progress;
  //   IN_LINE:       a line cut by the end of a read, lineLen bytes so far, held in line;
  //   IN_DATA_LINE:  a data line cut by the end of a read, its value streamed straight into data
  //                  (lineLen counts the whole line); past the event limit only flagged
  //                  (dataOverflow), since a later line-limit breach must win.
  private static final int AT_LINE_START = 0;
  private static final int IN_LINE = 1;
  private static final int IN_DATA_LINE = 2;
  private int lineState = AT_LINE_START;
  private byte[] line = EMPTY;
  private int lineLen;
  private long lineStart;
  private boolean dataOverflow;
  // For an open cut data line: the largest dataLen that keeps it within data's capacity and the
  // line and event limits, so the fast path needs one check per read.
  private int dataLineMax;

  // The pending event's data (dataState):
  //   NO_DATA:    no data line has ended in this block yet (an open IN_DATA_LINE streams into
  //               data, which becomes DATA_OWNED when that line ends);
  //   DATA_VIEW:  dataArr[dataOff, +dataLen) is a view into the caller's array (one data line,
  //               within the read being parsed); pin() owns it before feed returns;
  //   DATA_OWNED: dataArr == data, the owned buffer, from offset 0.
  private static final int NO_DATA = 0;
  private static final int DATA_VIEW = 1;
  private static final int DATA_OWNED = 2;
  private int dataState = NO_DATA;
  private byte[] dataArr = EMPTY;
  private int dataOff;
  private int dataLen;
  private byte[] data = EMPTY;
  private byte[] typeArr = EMPTY;
  private int typeOff;
  private int typeLen;
  private byte[] type = EMPTY;
  private long eventStart = -1; // offset of the block's first data or event line; -1: none yet

  // The id buffer (set by an id field) and the last event ID (copied from it at each blank line).
  private byte[] idBuf = EMPTY;
  private int idLen;
  private boolean idSet;
  private boolean idDirty;
  private byte[] lastId = EMPTY;
  private int lastIdLen;
  private boolean lastIdSet;
  private String lastIdString;
  private long retry = -1;

  // Copy buffer for ByteBuffers without an accessible array (direct, read-only).
  private byte[] bounce;

  public ZeroCopySseParser(SseListener listener, SseLimits limits) {
    this.listener = listener;
    this.maxLine = limits.maxLineBytes();
    this.maxEvent = limits.maxEventBytes();
  }

  @Override
  public void feed(ByteBuffer buf) {
    // Before the bounce array is touched: a callback's feed would overwrite the read in progress.
    checkUsable();
    int n = buf.remaining();
    if (buf.hasArray()) {
      feed(buf.array(), buf.arrayOffset() + buf.position(), n);
      buf.position(buf.limit());
      return;
    }
    if (bounce == null) {
      bounce = new byte[BOUNCE_BYTES];
    }
    while (buf.hasRemaining()) {
      int k = Math.min(bounce.length, buf.remaining());
      buf.get(bounce, 0, k);
      feed(bounce, 0, k);
    }
  }

  @Override
  public void feed(byte[] buf, int off, int len) {
    checkUsable();
    Objects.checkFromIndexSize(off, len, buf.length);
    int end = off + len;
    int p = off;
    if (lineState == IN_DATA_LINE) {
      p = extendDataLine(buf, off, end);
      if (p == end) {
        position += len;
        return;
      }
    }
    parse(buf, off, p, end);
  }

  /**
   * The general path of {@link #feed}: parses the read {@code [off, end)} from {@code p} on.
   * Kept as one method on purpose: HotSpot does not inline a method over 325 bytes of bytecode,
   * so this one stays out of line and {@code feed}, the fast path, stays small enough to be
   * inlined into its caller (worth about 20% at 16-byte reads).
   */
  private void parse(byte[] buf, int off, int p, int end) {
    feeding = true;
    try {
      base = position - off;
      if (bomSeen < 3) {
        p = checkBom(buf, p, end);
      }
      if (skipLf && p < end) {
        skipLf = false;
        if (buf[p] == LF) {
          p++;
        }
      }
      if (lineState != AT_LINE_START && p < end) {
        // The line cut by the last read goes on: any other line, or a data line that needs a
        // bigger buffer or breaks a limit (else extendDataLine took it).
        int eol = findEol(buf, p, end);
        int n = (eol < 0 ? end : eol) - p;
        if ((long) lineLen + n > maxLine) {
          throw SseLimitException.lineTooLong(maxLine, lineStart);
        }
        lineLen += n;
        if (lineState == IN_DATA_LINE) {
          appendDataBytes(buf, p, n);
        } else {
          if (lineLen > line.length) {
            line = Arrays.copyOf(line, grownCapacity(line.length, lineLen, maxLine));
          }
          System.arraycopy(buf, p, line, lineLen - n, n);
        }
        if (eol < 0) {
          if (lineState == IN_DATA_LINE) {
            limitDataLine();
          } else if (isData(line, 0, lineLen)) {
            openDataLine(line, 0, lineLen); // its prefix is complete now: stream the rest
          }
          p = end;
        } else {
          int len = lineLen;
          lineLen = 0;
          if (lineState == IN_DATA_LINE) {
            closeDataLine();
          } else {
            lineState = AT_LINE_START;
            processLine(line, 0, len, true);
          }
          p = afterEol(buf, eol, end);
        }
      }
      while (p < end) {
        if (buf[p] == LF || buf[p] == CR) { // a blank line, as after every event
          dispatch(base + p);
          p = afterEol(buf, p, end);
          continue;
        }
        int eol = findEol(buf, p, end);
        if (eol < 0) {
          startCutLine(buf, p, end);
          break;
        }
        if (eol - p > maxLine) {
          throw SseLimitException.lineTooLong(maxLine, base + p);
        }
        processLine(buf, p, eol - p, false);
        p = afterEol(buf, eol, end);
      }
      pin();
      position += end - off;
    } catch (Throwable e) {
      // A limit breach, or the listener threw (an Error too): the rest of the read is unparsed.
      failed = true;
      pin(); // even so, keep no view of the caller's array
      throw e;
    } finally {
      feeding = false;
    }
  }

  private void checkUsable() {
    checkNotFeeding();
    if (failed) {
      throw new IllegalStateException("SSE parser failed earlier; reset() it first");
    }
  }

  private void checkNotFeeding() {
    if (feeding) {
      throw new IllegalStateException("an SSE listener callback may not call back into its parser");
    }
  }

  /** Matches up to three BOM bytes at stream start; returns where parsing continues. */
  private int checkBom(byte[] buf, int p, int end) {
    while (p < end && bomSeen < 3) {
      if (buf[p] != BOM[bomSeen]) {
        // Not a BOM: the bytes held so far are ordinary line content.
        int held = bomSeen;
        bomSeen = 3;
        if (held > 0) {
          holdBomPrefix(held);
        }
        return p;
      }
      bomSeen++;
      p++;
    }
    return p;
  }

  /**
   * The fast way to continue a data line cut by an earlier read (nearly every small read): scans
   * and copies in one pass. Taken when {@code data} has room for the whole read and the line stays
   * within the limits. Returns where parsing continues: {@code end} (the line goes on), just past
   * the line end, or {@code p} (not taken, nothing changed: {@link #parse} does it).
   */
  private int extendDataLine(byte[] buf, int p, int end) {
    if (end - p > dataLineMax - dataLen) {
      return p;
    }
    int eol = copyToEol(buf, p, end, data, dataLen);
    int n = (eol < 0 ? end : eol) - p;
    lineLen += n;
    dataLen += n;
    if (eol < 0) {
      return end;
    }
    lineLen = 0;
    lineState = AT_LINE_START;
    dataState = DATA_OWNED;
    return afterEol(buf, eol, end);
  }

  /** Holds the rest of the read, a line cut by its end. */
  private void startCutLine(byte[] buf, int p, int end) {
    lineStart = base + p;
    int n = end - p;
    if (n > maxLine) {
      throw SseLimitException.lineTooLong(maxLine, lineStart);
    }
    lineLen = n;
    if (isData(buf, p, n)) {
      openDataLine(buf, p, n);
    } else {
      lineState = IN_LINE;
      line = newIfSmall(line, n);
      System.arraycopy(buf, p, line, 0, n);
    }
  }

  /** The first {@code held} bytes of a BOM turned out to begin the first line: it holds them. */
  private void holdBomPrefix(int held) {
    lineStart = 0;
    if (held > maxLine) {
      throw SseLimitException.lineTooLong(maxLine, lineStart);
    }
    line = newIfSmall(line, held);
    System.arraycopy(BOM, 0, line, 0, held);
    lineLen = held;
    lineState = IN_LINE;
  }

  /**
   * Whether the {@code n} bytes at {@code s} begin a data line whose value start is known:
   * {@code data:} and one more byte (an optional space, or the value's first byte).
   */
  private static boolean isData(byte[] b, int s, int n) {
    return n >= 6 && b[s] == 'd' && b[s + 1] == 'a' && b[s + 2] == 't' && b[s + 3] == 'a'
        && b[s + 4] == ':';
  }

  /**
   * Starts streaming a cut data line's value into the owned {@code data} buffer, joined to the
   * event's earlier data. The event limit is only checked when the line ends, as for a line
   * that is whole: a line that later breaks the line limit must fail with that.
   */
  private void openDataLine(byte[] b, int s, int n) {
    lineState = IN_DATA_LINE;
    if (eventStart < 0) {
      eventStart = lineStart;
    }
    if (dataState != NO_DATA) {
      if (dataState == DATA_VIEW) {
        ownData(dataLen + 1 + n);
      }
      appendDataBytes(NEWLINE, 0, 1);
    } else {
      dataArr = data;
      dataOff = 0;
    }
    int v = b[s + 5] == ' ' ? s + 6 : s + 5;
    appendDataBytes(b, v, s + n - v);
    limitDataLine();
  }

  /** Sets {@link #dataLineMax} for the open cut data line. */
  private void limitDataLine() {
    long max = Math.min((long) dataLen + maxLine - lineLen, (long) maxEvent - typeLen);
    dataLineMax = dataOverflow ? 0 : (int) Math.min(data.length, max);
  }

  private void appendDataBytes(byte[] b, int off, int n) {
    if (!fitsEvent(n)) {
      return;
    }
    int need = dataLen + n;
    if (need > data.length) {
      dataArr = data = Arrays.copyOf(data, grownCapacity(data.length, need, maxEvent));
    }
    System.arraycopy(b, off, data, dataLen, n);
    dataLen = need;
  }

  /** Whether {@code n} more data bytes fit the event limit; if not, the cut data line fails. */
  private boolean fitsEvent(int n) {
    if (dataOverflow || (long) dataLen + typeLen + n > maxEvent) {
      dataOverflow = true;
      return false;
    }
    return true;
  }

  private void closeDataLine() {
    lineState = AT_LINE_START;
    if (dataOverflow) {
      throw SseLimitException.eventTooLarge(maxEvent, eventStart);
    }
    dataState = DATA_OWNED;
  }

  /** Returns the index after the line end at {@code eol}; sets {@link #skipLf} for a read-final CR. */
  private int afterEol(byte[] buf, int eol, int end) {
    if (buf[eol] == LF) {
      return eol + 1;
    }
    int next = eol + 1;
    if (next == end) {
      skipLf = true;
      return end;
    }
    return buf[next] == LF ? next + 1 : next;
  }

  /**
   * Index of the first CR or LF in {@code [p, end)}, or -1. Eight bytes at a time, with one test
   * per word for "a byte below 0x0E" (CR is 0x0D, LF 0x0A): cheaper than testing for CR and LF
   * separately. The first and last words are loaded outside the loop, so a span of up to 16
   * bytes (a small read, the blank line after a data line) costs no loop set-up. The last word
   * ends at {@code end}, overlapping bytes already scanned: they hold no CR or LF, so they cannot
   * give a false answer.
   */
  static int findEol(byte[] b, int p, int end) {
    if (end - p < 8) {
      for (int i = p; i < end; i++) {
        if (b[i] == LF || b[i] == CR) {
          return i;
        }
      }
      return -1;
    }
    long hits = belowCrLf((long) LONGS.get(b, p));
    if (hits != 0) {
      int k = firstCrLf(b, p, hits);
      if (k >= 0) {
        return k;
      }
    }
    for (int i = p + 8, last = end - 8; i < last; i += 8) {
      hits = belowCrLf((long) LONGS.get(b, i));
      if (hits != 0) {
        int k = firstCrLf(b, i, hits);
        if (k >= 0) {
          return k;
        }
      }
    }
    hits = belowCrLf((long) LONGS.get(b, end - 8));
    return hits == 0 ? -1 : firstCrLf(b, end - 8, hits);
  }

  /**
   * {@link #findEol} that also copies the bytes it scans to {@code dst} from {@code d} on (the
   * whole range {@code [p, end)} or a little past the line end; {@code dst} must have room for
   * all of it), so a line continued from the last read is scanned and copied in one pass.
   */
  static int copyToEol(byte[] src, int p, int end, byte[] dst, int d) {
    int shift = d - p;
    if (end - p < 8) {
      for (int i = p; i < end; i++) {
        byte c = src[i];
        dst[i + shift] = c;
        if (c == LF || c == CR) {
          return i;
        }
      }
      return -1;
    }
    long word = (long) LONGS.get(src, p);
    LONGS.set(dst, d, word);
    long hits = belowCrLf(word);
    if (hits != 0) {
      int k = firstCrLf(src, p, hits);
      if (k >= 0) {
        return k;
      }
    }
    for (int i = p + 8, last = end - 8; i < last; i += 8) {
      word = (long) LONGS.get(src, i);
      LONGS.set(dst, i + shift, word);
      hits = belowCrLf(word);
      if (hits != 0) {
        int k = firstCrLf(src, i, hits);
        if (k >= 0) {
          return k;
        }
      }
    }
    word = (long) LONGS.get(src, end - 8);
    LONGS.set(dst, end - 8 + shift, word);
    hits = belowCrLf(word);
    return hits == 0 ? -1 : firstCrLf(src, end - 8, hits);
  }

  /**
   * Flags (high bit per byte) the bytes of {@code w} below 0x0E. The lowest flag is exact; a
   * borrow may add false flags above a real one, but never drops one.
   */
  private static long belowCrLf(long w) {
    return (w - BELOW_CR_LF) & ~w & HIGHS;
  }

  /** The first flagged byte of the word at {@code i} that really is CR or LF, or -1. */
  private static int firstCrLf(byte[] b, int i, long hits) {
    do {
      int k = i + (Long.numberOfTrailingZeros(hits) >>> 3);
      byte c = b[k];
      if (c == LF || c == CR) {
        return k;
      }
      hits &= hits - 1; // another control byte (TAB, NUL, ...), or a false flag: try the next
    } while (hits != 0);
    return -1;
  }

  /**
   * Interprets one non-empty line (HTML §9.2.6; the empty line, which dispatches, never gets
   * here). {@code copy}: the bytes are in a scratch buffer that will be overwritten, so pending
   * event fields must be copied, not viewed.
   */
  private void processLine(byte[] b, int s, int n, boolean copy) {
    // Fast path for the line that matters: "data:" (nearly every line of a chat stream).
    if (n >= 5 && b[s] == 'd' && b[s + 1] == 'a' && b[s + 2] == 't' && b[s + 3] == 'a'
        && b[s + 4] == ':') {
      int v = s + 5;
      if (v < s + n && b[v] == ' ') {
        v++;
      }
      appendData(b, v, s + n - v, copy, s);
      return;
    }
    if (b[s] == ':') {
      listener.onComment(b, s + 1, n - 1);
      return;
    }
    int end = s + n;
    int colon = s;
    while (colon < end && b[colon] != ':') {
      colon++;
    }
    int v = colon;
    if (colon < end) {
      v++;
      if (v < end && b[v] == ' ') {
        v++;
      }
    }
    int nameLen = colon - s;
    switch (nameLen) {
      case 2 -> {
        if (b[s] == 'i' && b[s + 1] == 'd') {
          setId(b, v, end - v);
        }
      }
      case 4 -> {
        if (b[s] == 'd' && b[s + 1] == 'a' && b[s + 2] == 't' && b[s + 3] == 'a') {
          appendData(b, v, end - v, copy, s);
        }
      }
      case 5 -> {
        if (b[s] == 'e' && b[s + 1] == 'v' && b[s + 2] == 'e' && b[s + 3] == 'n'
            && b[s + 4] == 't') {
          setType(b, v, end - v, copy, s);
        } else if (b[s] == 'r' && b[s + 1] == 'e' && b[s + 2] == 't' && b[s + 3] == 'r'
            && b[s + 4] == 'y') {
          setRetry(b, v, end);
        }
      }
      default -> {
        // Unknown field: ignored (R18).
      }
    }
  }

  private void appendData(byte[] b, int off, int n, boolean copy, int lineIndex) {
    if (dataState == NO_DATA) {
      startEvent(copy, lineIndex);
      checkEvent(n);
      if (copy) {
        dataArr = data = newIfSmall(data, n);
        System.arraycopy(b, off, data, 0, n);
        dataOff = 0;
        dataState = DATA_OWNED;
      } else {
        dataArr = b;
        dataOff = off;
        dataState = DATA_VIEW;
      }
      dataLen = n;
      return;
    }
    int need = dataLen + 1 + n;
    checkEvent(need - dataLen);
    if (dataState == DATA_VIEW) {
      ownData(need);
    } else if (need > data.length) {
      dataArr = data = Arrays.copyOf(data, grownCapacity(data.length, need, maxEvent));
    }
    data[dataLen] = LF;
    System.arraycopy(b, off, data, dataLen + 1, n);
    dataLen = need;
  }

  private void checkEvent(int adding) {
    if ((long) dataLen + typeLen + adding > maxEvent) {
      throw SseLimitException.eventTooLarge(maxEvent, eventStart);
    }
  }

  /** Moves a data view into the owned buffer (capacity at least {@code capacity}). */
  private void ownData(int capacity) {
    byte[] d = data.length >= capacity ? data
        : new byte[grownCapacity(data.length, capacity, Math.max(maxEvent, capacity))];
    System.arraycopy(dataArr, dataOff, d, 0, dataLen);
    dataArr = data = d;
    dataOff = 0;
    dataState = DATA_OWNED;
  }

  private void startEvent(boolean copy, int lineIndex) {
    if (eventStart < 0) {
      eventStart = copy ? lineStart : base + lineIndex;
    }
  }

  private void setType(byte[] b, int off, int n, boolean copy, int lineIndex) {
    startEvent(copy, lineIndex);
    if ((long) dataLen + n > maxEvent) {
      throw SseLimitException.eventTooLarge(maxEvent, eventStart);
    }
    if (copy) {
      typeArr = type = newIfSmall(type, n);
      System.arraycopy(b, off, type, 0, n);
      typeOff = 0;
    } else {
      typeArr = b;
      typeOff = off;
    }
    typeLen = n;
  }

  private void setId(byte[] b, int off, int n) {
    for (int i = off, end = off + n; i < end; i++) {
      if (b[i] == 0) {
        return; // R16: an id containing NUL is ignored entirely
      }
    }
    idBuf = newIfSmall(idBuf, n);
    System.arraycopy(b, off, idBuf, 0, n);
    idLen = n;
    idSet = true;
    idDirty = true;
  }

  private void setRetry(byte[] b, int v, int end) {
    if (v == end) {
      return; // empty value: ignored (as eventsource-parser, undici and the vectors do)
    }
    long value = 0;
    for (int i = v; i < end; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return;
      }
      if (value > (Long.MAX_VALUE - d) / 10) {
        return; // overflow: ignored
      }
      value = value * 10 + d;
    }
    retry = value;
    listener.onRetry(value);
  }

  private void dispatch(long blankLineOffset) {
    if (idDirty) {
      lastId = newIfSmall(lastId, idLen);
      System.arraycopy(idBuf, 0, lastId, 0, idLen);
      lastIdLen = idLen;
      lastIdSet = idSet;
      lastIdString = null;
      idDirty = false;
    }
    if (dataState != NO_DATA) {
      view.endOffset = blankLineOffset;
      view.dataString = null;
      try {
        listener.onEvent(view);
      } finally {
        view.dataString = null;
      }
    }
    clearEvent();
  }

  private void clearEvent() {
    dataState = NO_DATA;
    dataArr = data;
    dataLen = 0;
    typeArr = type;
    typeLen = 0;
    eventStart = -1;
  }

  /** Copies views of the pending event out of the caller's array before {@code feed} returns. */
  private void pin() {
    if (dataState == DATA_VIEW) {
      ownData(dataLen);
    }
    if (typeArr != type) { // also an empty view: it would still pin the caller's array
      type = newIfSmall(type, typeLen);
      System.arraycopy(typeArr, typeOff, type, 0, typeLen);
      typeArr = type;
      typeOff = 0;
    }
  }

  @Override
  public SseStreamEnd endOfInput() {
    checkNotFeeding();
    long cut = lineLen;
    if (bomSeen > 0 && bomSeen < 3) {
      cut += bomSeen; // a held BOM prefix is an unterminated line too
    }
    SseStreamEnd end = new SseStreamEnd(position, cut, dataState != NO_DATA);
    if (idDirty) { // an id from an undispatched block never reached the last event ID
      idBuf = newIfSmall(idBuf, lastIdLen);
      System.arraycopy(lastId, 0, idBuf, 0, lastIdLen);
      idLen = lastIdLen;
      idSet = lastIdSet;
      idDirty = false;
    }
    position = 0;
    bomSeen = 0;
    skipLf = false;
    lineLen = 0;
    lineState = AT_LINE_START;
    dataOverflow = false;
    clearEvent();
    return end;
  }

  @Override
  public void reset() {
    endOfInput(); // (refuses to run inside a callback)
    failed = false;
    idLen = 0;
    idSet = false;
    idDirty = false;
    lastIdLen = 0;
    lastIdSet = false;
    lastIdString = null;
    retry = -1;
  }

  @Override
  public long position() {
    return position;
  }

  @Override
  public String lastEventId() {
    if (!lastIdSet) {
      return null;
    }
    String s = lastIdString;
    if (s == null) {
      lastIdString = s = Utf8.decode(lastId, 0, lastIdLen);
    }
    return s;
  }

  @Override
  public long retryMillis() {
    return retry;
  }

  /**
   * {@code a} if it holds {@code n} bytes, else a new, larger array: its contents are NOT kept
   * (the caller overwrites them). Compare {@link #grownCapacity}, used with {@code copyOf}.
   */
  private static byte[] newIfSmall(byte[] a, int n) {
    return a.length >= n ? a : new byte[Math.max(n, Math.min(Math.max(a.length * 2, MIN_CAPACITY), n * 2))];
  }

  /** A capacity for growing {@code current} to hold {@code need} (doubling, up to {@code cap}). */
  private static int grownCapacity(int current, int need, int cap) {
    long doubled = Math.max(MIN_CAPACITY, (long) current * 2);
    return (int) Math.max(need, Math.min(doubled, cap));
  }

  /** The reused event view; valid during {@link SseListener#onEvent} only. */
  private final class View implements SseEvent {
    long endOffset;
    String dataString;
    private byte[] cachedTypeBytes = EMPTY;
    private String cachedType;

    @Override
    public byte[] dataArray() {
      return dataArr;
    }

    @Override
    public int dataOffset() {
      return dataOff;
    }

    @Override
    public int dataLength() {
      return dataLen;
    }

    @Override
    public String data() {
      String s = dataString;
      if (s == null) {
        dataString = s = Utf8.decode(dataArr, dataOff, dataLen);
      }
      return s;
    }

    @Override
    public byte[] typeArray() {
      return typeArr;
    }

    @Override
    public int typeOffset() {
      return typeOff;
    }

    @Override
    public int typeLength() {
      return typeLen;
    }

    @Override
    public String type() {
      if (typeLen == 0) {
        return MESSAGE;
      }
      // Named events usually repeat one type; keep its String instead of decoding each time.
      if (cachedType == null || !typeEquals(cachedTypeBytes)) {
        cachedTypeBytes = Arrays.copyOfRange(typeArr, typeOff, typeOff + typeLen);
        cachedType = Utf8.decode(typeArr, typeOff, typeLen);
      }
      return cachedType;
    }

    @Override
    public String lastEventId() {
      return ZeroCopySseParser.this.lastEventId();
    }

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
