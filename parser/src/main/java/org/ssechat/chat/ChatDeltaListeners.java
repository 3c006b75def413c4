package org.ssechat.chat;

import java.util.Objects;

/** Helpers for {@link ChatDeltaListener}s. */
public final class ChatDeltaListeners {

  private ChatDeltaListeners() {}

  /**
   * A listener forwarding every callback to each of {@code listeners}, in order. Borrowed text is
   * passed on as is: each listener sees the same slice, valid until its own call returns. An
   * exception from one listener propagates and the later ones miss that callback.
   */
  public static ChatDeltaListener tee(ChatDeltaListener... listeners) {
    ChatDeltaListener[] ls = listeners.clone();
    for (ChatDeltaListener l : ls) {
      Objects.requireNonNull(l, "listener");
    }
    return new Tee(ls);
  }

  private static final class Tee implements ChatDeltaListener {
    private final ChatDeltaListener[] ls;

    Tee(ChatDeltaListener[] ls) {
      this.ls = ls;
    }

    @Override
    public void onModel(String model) {
      for (ChatDeltaListener l : ls) {
        l.onModel(model);
      }
    }

    @Override
    public void onRole(int choice, String role) {
      for (ChatDeltaListener l : ls) {
        l.onRole(choice, role);
      }
    }

    @Override
    public void onContent(int choice, char[] text, int off, int len) {
      for (ChatDeltaListener l : ls) {
        l.onContent(choice, text, off, len);
      }
    }

    @Override
    public void onReasoning(int choice, char[] text, int off, int len) {
      for (ChatDeltaListener l : ls) {
        l.onReasoning(choice, text, off, len);
      }
    }

    @Override
    public void onRefusal(int choice, char[] text, int off, int len) {
      for (ChatDeltaListener l : ls) {
        l.onRefusal(choice, text, off, len);
      }
    }

    @Override
    public void onToolCallFragment(int choice, int index, String id, String name,
        char[] arguments, int off, int len) {
      for (ChatDeltaListener l : ls) {
        l.onToolCallFragment(choice, index, id, name, arguments, off, len);
      }
    }

    @Override
    public void onFinish(int choice, String reason) {
      for (ChatDeltaListener l : ls) {
        l.onFinish(choice, reason);
      }
    }

    @Override
    public void onUsage(Usage usage) {
      for (ChatDeltaListener l : ls) {
        l.onUsage(usage);
      }
    }

    @Override
    public void onError(StreamError error) {
      for (ChatDeltaListener l : ls) {
        l.onError(error);
      }
    }

    @Override
    public void onDone() {
      for (ChatDeltaListener l : ls) {
        l.onDone();
      }
    }

    @Override
    public void onMalformed(String problem, String excerpt) {
      for (ChatDeltaListener l : ls) {
        l.onMalformed(problem, excerpt);
      }
    }
  }
}
