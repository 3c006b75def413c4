package org.ssechat.session;

import java.util.List;
import org.ssechat.chat.ToolCall;
import org.ssechat.chat.Usage;
import org.ssechat.client.ChatResult;
import org.ssechat.client.Metrics;
import org.ssechat.client.Outcome;

/**
 * One exchange: the user's message and the answer it got, whatever its outcome.
 *
 * @param user         the user's message
 * @param answer       the answer text received (partial if interrupted, truncated or failed)
 * @param reasoning    reasoning text received (empty if none)
 * @param toolCalls    tool calls the model made
 * @param model        the model that answered (as the server reported it)
 * @param outcome      how the answer ended
 * @param finishReason the finish reason, or null
 * @param error        one-line error for non-finished outcomes, else null
 * @param usage        token usage, or null
 * @param metrics      timings, or null
 * @param at           ISO-8601 instant the answer ended
 */
public record Turn(String user, String answer, String reasoning, List<ToolCall> toolCalls,
    String model, Outcome outcome, String finishReason, String error, Usage usage,
    Metrics metrics, String at) {

  public Turn {
    answer = answer == null ? "" : answer;
    reasoning = reasoning == null ? "" : reasoning;
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
  }

  /** A turn from a finished stream. */
  public static Turn of(String user, ChatResult r, String at) {
    return new Turn(user, r.content(), r.reasoning(), r.toolCalls(), r.model(), r.outcome(),
        r.finishReason(), r.error(), r.usage(), r.metrics(), at);
  }

  /** Whether the user stopped this answer with Ctrl-C. */
  public boolean interrupted() {
    return outcome == Outcome.CANCELLED;
  }

  /**
   * Whether this turn goes into the context of later requests: any turn whose answer has text.
   * A turn that failed before a single token arrived is kept for {@code /history} and
   * {@code /retry} but not sent, so the model never sees two user messages in a row.
   */
  public boolean inContext() {
    return !answer.isEmpty();
  }
}
