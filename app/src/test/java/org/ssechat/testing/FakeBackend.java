package org.ssechat.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.ssechat.chat.ChatDeltaListener;
import org.ssechat.chat.Usage;
import org.ssechat.client.Cancellation;
import org.ssechat.client.ChatBackend;
import org.ssechat.client.ChatMessage;
import org.ssechat.client.ChatRequest;
import org.ssechat.client.ChatResult;
import org.ssechat.client.Metrics;
import org.ssechat.client.Outcome;
import org.ssechat.client.ResponseStreamProcessor;

/**
 * A scripted backend that records every request. By default it answers {@code "answer N"} in
 * three content deltas (N counts requests from 1). {@link #stallAfter} makes the next answer stop
 * after two deltas, run a hook (e.g. raise SIGINT) and block until cancelled, like a socket read
 * that only a closed connection ends.
 */
public final class FakeBackend implements ChatBackend {
  public final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
  private volatile Consumer<FakeBackend> stallHook;
  private volatile String reasoning;
  private volatile ChatBackend delegate;
  /** Nanos from the stall hook running to the cancellation arriving, for the last stalled answer. */
  public volatile long cancelLatencyNanos = -1;

  public void reset() {
    requests.clear();
    stallHook = null;
    reasoning = null;
    delegate = null;
    cancelLatencyNanos = -1;
  }

  /** Answers come from {@code real} (still recorded in {@link #requests}), e.g. the offline one. */
  public void delegateTo(ChatBackend real) {
    this.delegate = real;
  }

  /** The next answer stalls after two deltas and calls {@code hook} (once). */
  public void stallAfter(Consumer<FakeBackend> hook) {
    this.stallHook = hook;
  }

  /** Answers also stream this reasoning first. */
  public void reasoning(String text) {
    this.reasoning = text;
  }

  public ChatRequest lastRequest() {
    return requests.get(requests.size() - 1);
  }

  @Override
  public ChatResult stream(ChatRequest request, ResponseStreamProcessor response,
      Cancellation cancel) {
    ChatDeltaListener listener = response.deltaSink();
    requests.add(request);
    ChatBackend real = delegate;
    if (real != null) {
      return real.stream(request, response, cancel);
    }
    int n = requests.size();
    listener.onModel("fake-" + request.model());
    if (reasoning != null) {
      char[] r = reasoning.toCharArray();
      listener.onReasoning(0, r, 0, r.length);
    }
    String[] pieces = {"answer ", String.valueOf(n), "."};
    StringBuilder sent = new StringBuilder();
    Consumer<FakeBackend> hook = stallHook;
    stallHook = null;
    for (int i = 0; i < pieces.length; i++) {
      if (hook != null && i == 2) {
        CountDownLatch cancelled = new CountDownLatch(1);
        cancel.onCancel(cancelled::countDown);
        long t0 = System.nanoTime();
        hook.accept(this);
        try {
          if (cancelled.await(5, TimeUnit.SECONDS)) {
            cancelLatencyNanos = System.nanoTime() - t0;
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return result(request, Outcome.CANCELLED, sent.toString(), null, "cancelled");
      }
      char[] c = pieces[i].toCharArray();
      listener.onContent(0, c, 0, c.length);
      sent.append(pieces[i]);
    }
    listener.onFinish(0, "stop");
    listener.onUsage(new Usage(10, 3, 13, -1));
    return result(request, Outcome.FINISHED, sent.toString(), "stop", null);
  }

  private ChatResult result(ChatRequest request, Outcome outcome, String content, String finish,
      String error) {
    return new ChatResult(outcome, "fake-" + request.model(), content,
        reasoning == null ? "" : reasoning, List.of(), finish,
        outcome == Outcome.FINISHED ? new Usage(10, 3, 13, -1) : null, error, List.of(),
        new Metrics(5, 7, 30, 3, 1, 100, 3, outcome == Outcome.FINISHED));
  }

  /** The conversation a request carried, as {@code role: content} lines. */
  public static List<String> transcript(ChatRequest r) {
    List<String> out = new ArrayList<>();
    for (ChatMessage m : r.messages()) {
      out.add(m.role() + ": " + m.content());
    }
    return out;
  }

  @Override
  public List<String> models() {
    return List.of("fake-large", "fake-mini", "other-model");
  }

  @Override
  public String describe() {
    return "fake";
  }
}
