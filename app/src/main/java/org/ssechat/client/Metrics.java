package org.ssechat.client;

/**
 * Timings and counts of one response. Durations are in milliseconds; -1 when it never happened.
 *
 * @param timeToFirstByteMs  request sent → first body byte
 * @param timeToFirstTokenMs request sent → first content or reasoning delta
 * @param totalMs            request sent → end of stream
 * @param events             SSE events dispatched
 * @param reads              body reads (network chunks)
 * @param bytes              body bytes
 * @param completionTokens   from {@code usage} if sent, else the number of content/reasoning deltas
 * @param tokensFromUsage    whether {@code completionTokens} came from {@code usage}
 */
public record Metrics(long timeToFirstByteMs, long timeToFirstTokenMs, long totalMs, int events,
    int reads, long bytes, long completionTokens, boolean tokensFromUsage) {

  /** Nothing happened: no response was received. */
  public static final Metrics NONE = new Metrics(-1, -1, -1, 0, 0, 0, 0, false);

  /** Completion tokens per second over the time from first token to end; 0 if unknown. */
  public double tokensPerSecond() {
    long span = timeToFirstTokenMs < 0 ? -1 : totalMs - timeToFirstTokenMs;
    return span <= 0 || completionTokens <= 0 ? 0 : completionTokens * 1000.0 / span;
  }
}
