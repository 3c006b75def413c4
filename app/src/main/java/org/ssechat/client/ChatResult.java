package org.ssechat.client;

import java.util.List;
import org.ssechat.chat.ToolCall;
import org.ssechat.chat.Usage;

/**
 * The result of one streamed response. The partial answer is always here, whatever the outcome.
 *
 * @param outcome      how it ended
 * @param model        the model the server reported (else the requested one)
 * @param content      the answer text received
 * @param reasoning    reasoning text received (empty if none)
 * @param toolCalls    tool calls, merged by index
 * @param finishReason the finish reason, or null
 * @param usage        the last usage object, or null
 * @param error        one-line description for ERROR / TRUNCATED / CANCELLED, else null
 * @param warnings     non-fatal findings (malformed events skipped, …)
 * @param metrics      timings and counts
 */
public record ChatResult(Outcome outcome, String model, String content, String reasoning,
    List<ToolCall> toolCalls, String finishReason, Usage usage, String error,
    List<String> warnings, Metrics metrics) {
  public ChatResult {
    toolCalls = List.copyOf(toolCalls);
    warnings = List.copyOf(warnings);
  }

  /**
   * A request that failed before any response could be processed (a backend that threw, a
   * recording that cannot be read): no answer, no metrics.
   *
   * @param error one line, as {@link org.ssechat.failure.Failures} makes them
   */
  public static ChatResult failedBeforeResponse(String model, String error) {
    return new ChatResult(Outcome.ERROR, model, "", "", List.of(), null, null, error, List.of(),
        Metrics.NONE);
  }

  /** The same request cancelled before any response: no answer, no metrics. */
  public static ChatResult cancelledBeforeResponse(String model) {
    return new ChatResult(Outcome.CANCELLED, model, "", "", List.of(), null, null, "cancelled",
        List.of(), Metrics.NONE);
  }
}
