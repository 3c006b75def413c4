package org.ssechat.serve;

import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.ssechat.text.TerminalText;

/**
 * {@code serve}'s one line per request, sanitized (names and paths come from clients), and
 * flushed at most every {@link #FLUSH_MILLIS} ms rather than per line: at thousands of requests
 * a second a flush per line is a system call per request on the event loops.
 */
final class ServeLog implements Consumer<String>, AutoCloseable {
  static final long FLUSH_MILLIS = 100;

  private final PrintWriter out;
  private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(
      r -> {
        Thread t = new Thread(r, "ssechat-serve-log");
        t.setDaemon(true);
        return t;
      });

  ServeLog(PrintWriter out) {
    this.out = out;
    flusher.scheduleWithFixedDelay(out::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  public void accept(String line) {
    out.println(TerminalText.oneLine(line, Integer.MAX_VALUE));
  }

  @Override
  public void close() {
    flusher.shutdownNow();
    out.flush();
  }
}
