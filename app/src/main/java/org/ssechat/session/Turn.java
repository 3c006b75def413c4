package org.ssechat.session;

import java.util.List;
import org.ssechat.chat.ToolCall;
import org.ssechat.chat.Usage;
import org.ssechat.client.Attachment;
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
 * @param attachments  files sent with the user's message (their content is kept beside the
 *                     session file, by SHA-256; see {@code SessionStore})
 */
public record Turn(String user, String answer, String reasoning, List<ToolCall> toolCalls,
    String model, Outcome outcome, String finishReason, String error, Usage usage,
    Metrics metrics, String at, List<Attachment> attachments) {

  public Turn {
    answer = answer == null ? "" : answer;
    reasoning = reasoning == null ? "" : reasoning;
    toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
  }

  /** A turn from a finished stream. */
  public static Turn of(String user, ChatResult r, String at) {
    return of(user, List.of(), r, at);
  }

  /** A turn from a finished stream, for a message sent with {@code attachments}. */
  public static Turn of(String user, List<Attachment> attachments, ChatResult r, String at) {
    return new Turn(user, r.content(), r.reasoning(), r.toolCalls(), r.model(), r.outcome(),
        r.finishReason(), r.error(), r.usage(), r.metrics(), at, attachments);
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
