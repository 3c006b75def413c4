package org.ssechat.serve;

import io.netty.channel.epoll.Epoll;

/**
 * Which Netty transport {@code serve} runs on: native epoll where it loads (Linux), else NIO;
 * {@code -Dssechat.netty=nio} forces NIO (to compare). Event loops: one per core
 * ({@code -Dssechat.netty.threads=N} to change), not Netty's default of two per core: paced
 * streams spend their time in timers and small writes, and more loops than cores only add
 * wake-ups and context switches.
 */
final class Transport {
  private Transport() {}

  static boolean epoll() {
    return !"nio".equals(System.getProperty("ssechat.netty")) && Epoll.isAvailable();
  }

  static int workers() {
    return Integer.getInteger("ssechat.netty.threads",
        Runtime.getRuntime().availableProcessors());
  }
}
