package org.ssechat.client;

import java.util.ArrayList;
import java.util.List;
import org.ssechat.failure.Failures;

/**
 * How a response ended, decided from what was seen; first match wins (the table in
 * {@code docs/architecture.md}):
 * <ol>
 *   <li>the user cancelled: CANCELLED;</li>
 *   <li>an error sent inside the stream: ERROR with its message, even if {@code [DONE]} followed
 *       (a transport problem is then a warning);</li>
 *   <li>decoding stopped (a limit, a failing listener): ERROR, unless a {@code finish_reason}
 *       came first (then FINISHED with a warning);</li>
 *   <li>a {@code finish_reason}: FINISHED (a later transport problem is only a warning);</li>
 *   <li>a transport problem: ERROR;</li>
 *   <li>otherwise the body just ended: TRUNCATED. {@code [DONE]} proves nothing, relays send it
 *       after failures too; nor does a usage chunk with it: new-api synthesises one, then
 *       {@code [DONE]}, when the upstream died mid-answer (its issue #7059), so a relay that
 *       dropped a real {@code finish_reason} and one whose upstream died look the same.</li>
 * </ol>
 * Every error ends with {@code — partial answer kept} when an answer had begun.
 */
final class OutcomeRules {
  private OutcomeRules() {}

  /**
   * What was seen of one response.
   *
   * @param cancelled      the user cancelled
   * @param transportError the source's one-line failure (timeout, lost connection …), or null
   * @param inStreamError  the first in-stream error, described, or null
   * @param decodeFailure  why decoding stopped, or null
   * @param finishReason   the finish reason, or null
   * @param doneSeen       whether {@code [DONE]} arrived
   * @param usageSeen      whether a usage object arrived
   * @param tailNote       what was cut off at the end of the body (an unterminated event), or null
   * @param answerBegan    whether any answer output arrived
   */
  record Facts(boolean cancelled, String transportError, String inStreamError,
      String decodeFailure, String finishReason, boolean doneSeen, boolean usageSeen,
      String tailNote, boolean answerBegan) {}

  /** The decision: the outcome, its one-line error (null when FINISHED), added warnings. */
  record Verdict(Outcome outcome, String error, List<String> warnings) {}

  static Verdict decide(Facts f) {
    List<String> warnings = new ArrayList<>();
    String tailNote = f.tailNote();
    Outcome outcome;
    String error;
    if (f.cancelled()) {
      outcome = Outcome.CANCELLED;
      error = f.transportError();
    } else if (f.inStreamError() != null) {
      outcome = Outcome.ERROR;
      error = "server error in stream: " + f.inStreamError();
      addIfPresent(warnings, f.transportError());
    } else if (f.decodeFailure() != null) {
      outcome = f.finishReason() != null ? Outcome.FINISHED : Outcome.ERROR;
      error = outcome == Outcome.ERROR ? f.decodeFailure() : null;
      if (error == null) {
        warnings.add(f.decodeFailure());
      }
    } else if (f.finishReason() != null) {
      outcome = Outcome.FINISHED;
      error = null;
      addIfPresent(warnings, f.transportError());
    } else if (f.transportError() != null) {
      outcome = Outcome.ERROR;
      error = f.transportError();
    } else {
      outcome = Outcome.TRUNCATED;
      error = "stream ended without finish_reason"
          + (f.doneSeen() && f.usageSeen()
              ? " ([DONE] and usage were sent, but relays send both after failures too)"
              : f.doneSeen() ? " ([DONE] was sent, but relays send it after failures too)" : "")
          + (tailNote != null ? "; " + tailNote : "");
      tailNote = null;
    }
    if (tailNote != null && outcome != Outcome.FINISHED) {
      warnings.add(tailNote);
    }
    if (error != null && f.answerBegan()) {
      error = Failures.partialKept(error);
    }
    return new Verdict(outcome, error, warnings);
  }

  private static void addIfPresent(List<String> warnings, String warning) {
    if (warning != null) {
      warnings.add(warning);
    }
  }
}
