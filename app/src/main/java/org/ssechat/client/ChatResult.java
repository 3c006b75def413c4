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
}
