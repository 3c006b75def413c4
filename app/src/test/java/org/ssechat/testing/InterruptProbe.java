package org.ssechat.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ssechat.repl.Interrupts;

/**
 * Run as a separate process by a test: installs {@link Interrupts#process()}, says "ready", and
 * exits 0 if a SIGINT reaches the handler within 20 s (the default handler would exit 130).
 */
public final class InterruptProbe {
  public static void main(String[] args) throws InterruptedException {
    CountDownLatch got = new CountDownLatch(1);
    try (Interrupts.Registration r = Interrupts.process().onInterrupt(got::countDown)) {
      System.out.println("ready");
      System.out.flush();
      if (!got.await(20, TimeUnit.SECONDS)) {
        System.exit(3);
      }
      System.out.println("handled");
    }
    System.exit(0);
  }
}
