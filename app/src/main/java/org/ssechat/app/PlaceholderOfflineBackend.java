package org.ssechat.app;

import java.util.List;
import org.ssechat.chat.ChatDeltaListener;
import org.ssechat.client.Cancellation;
import org.ssechat.client.ChatBackend;
import org.ssechat.client.ChatMessage;
import org.ssechat.client.ChatRequest;
import org.ssechat.client.ChatResult;
import org.ssechat.client.Metrics;
import org.ssechat.client.Outcome;

/**
 * PLACEHOLDER for the offline provider (package {@code org.ssechat.offline}, built by another
 * helper): until it is merged, this streams a fixed notice plus an echo of the last message, word
 * by word, so the REPL is usable without a key. Replace in {@link Backends#standard} when it lands.
 */
final class PlaceholderOfflineBackend implements ChatBackend {

  @Override
  public ChatResult stream(ChatRequest request, ChatDeltaListener listener, Cancellation cancel) {
    long start = System.nanoTime();
    List<ChatMessage> msgs = request.messages();
    String last = msgs.isEmpty() ? "" : msgs.get(msgs.size() - 1).content();
    String answer = "(offline placeholder: the offline provider is not built in yet) You said: " + last;
    listener.onModel("offline");
    StringBuilder sent = new StringBuilder();
    long firstToken = -1;
    int deltas = 0;
    for (String piece : answer.split("(?<= )")) {
      if (cancel.isCancelled()) {
        break;
      }
      if (firstToken < 0) {
        firstToken = (System.nanoTime() - start) / 1_000_000;
      }
      char[] chars = piece.toCharArray();
      listener.onContent(0, chars, 0, chars.length);
      sent.append(piece);
      deltas++;
    }
    Outcome outcome = cancel.isCancelled() ? Outcome.CANCELLED : Outcome.FINISHED;
    if (outcome == Outcome.FINISHED) {
      listener.onFinish(0, "stop");
    }
    long total = (System.nanoTime() - start) / 1_000_000;
    return new ChatResult(outcome, "offline", sent.toString(), "", List.of(),
        outcome == Outcome.FINISHED ? "stop" : null, null,
        outcome == Outcome.CANCELLED ? "cancelled" : null, List.of(),
        new Metrics(0, firstToken, total, deltas, 0, 0, deltas, false));
  }

  @Override
  public List<String> models() {
    return List.of("offline");
  }

  @Override
  public String describe() {
    return "offline (placeholder)";
  }
}
