package org.ssechat.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.Writer;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/**
 * The streaming methods allocate nothing: sanitizing many deltas, clean and hostile, into sinks
 * that are already big enough (StringBuilders) or that discard ({@link Writer#nullWriter}),
 * measured with the thread's allocation counter.
 */
class TerminalTextAllocationTest {

  /** Deltas of 1 to 30 chars, an escape sequence, C1, CR or bidi control every ~100 chars. */
  static char[] stream() {
    StringBuilder sb = new StringBuilder();
    String[] hostile = {"\u001b]0;x\u0007", "\r\n", "\u009b2J", "\u202e", "\u0000", "\u007f"};
    for (int i = 0; sb.length() < 64 * 1024; i++) {
      sb.append("The quick brown fox, 中文，😀 and code: if (a < b) { return x; }\t\n"
          .repeat(1 + i % 2)).append(hostile[i % hostile.length]);
    }
    return sb.toString().toCharArray();
  }

  @Test
  void streamingPathAllocatesNothing() throws Exception {
    var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
    char[] text = stream();
    String string = new String(text);
    StringBuilder sb = new StringBuilder(text.length);
    StringBuilder app = new StringBuilder(text.length);
    Writer w = Writer.nullWriter();
    for (int i = 0; i < 200; i++) { // warm up (JIT)
      pass(text, string, sb, app, w);
    }
    long tid = Thread.currentThread().getId();
    int passes = 50;
    long a0 = mx.getThreadAllocatedBytes(tid);
    for (int i = 0; i < passes; i++) {
      pass(text, string, sb, app, w);
    }
    long perPass = (mx.getThreadAllocatedBytes(tid) - a0) / passes;
    System.out.printf("sanitizing %d chars in 1-30 char deltas (x3 sinks): %d B/pass%n",
        text.length, perPass);
    assertThat(sb.length()).isPositive();
    // Nothing per delta or per char: a pass makes ~12,000 calls; allow only measuring noise.
    assertThat(perPass).isLessThan(64);
  }

  private static void pass(char[] text, String string, StringBuilder sb, StringBuilder app,
      Writer w) throws Exception {
    sb.setLength(0);
    app.setLength(0);
    for (int off = 0, n = 1; off < text.length; off += n, n = n % 30 + 1) {
      int len = Math.min(n, text.length - off);
      TerminalText.sanitize(text, off, len, sb);
      TerminalText.sanitize(text, off, len, w);
      TerminalText.sanitize(string, off, off + len, app);
    }
  }
}
