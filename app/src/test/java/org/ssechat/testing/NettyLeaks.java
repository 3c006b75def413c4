package org.ssechat.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.ResourceLeakDetector;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Netty's buffer leak detector at {@code PARANOID} (every buffer tracked), with its reports
 * collected so a test can assert there were none instead of a log line nobody reads.
 */
public final class NettyLeaks {
  private static final List<String> REPORTS = new CopyOnWriteArrayList<>();
  private static boolean installed;

  private NettyLeaks() {}

  /** Turns tracking on and listens to the buffer leak detector (once per JVM). */
  public static synchronized void install() {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    if (installed) {
      return;
    }
    try {
      // the detector every ByteBuf allocator reports through; it has no public accessor
      Field f = Class.forName("io.netty.buffer.AbstractByteBuf").getDeclaredField("leakDetector");
      f.setAccessible(true);
      ResourceLeakDetector<?> detector = (ResourceLeakDetector<?>) f.get(null);
      detector.setLeakListener((type, records) -> REPORTS.add(type + ": " + records));
      installed = true;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot listen to Netty's leak detector", e);
    }
  }

  /**
   * Collects garbage and lets the detector look at what was collected (it reports when it
   * tracks a new buffer), then returns every report so far.
   */
  public static List<String> reports() throws InterruptedException {
    for (int round = 0; round < 5; round++) {
      System.gc();
      Thread.sleep(50);
      for (int i = 0; i < 100; i++) {
        ByteBuf b = Unpooled.directBuffer(16);
        b.release();
      }
    }
    return List.copyOf(REPORTS);
  }
}
