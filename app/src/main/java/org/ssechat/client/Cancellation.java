package org.ssechat.client;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;

/**
 * A cancel signal shared between the thread that streams and the one that wants it stopped (a
 * Ctrl-C handler). {@link #cancel()} runs the registered hooks at once, e.g. closing the
 * connection, so a blocked read returns promptly. Hooks must be idempotent and quick.
 */
public final class Cancellation {
  private volatile boolean cancelled;
  private final List<Runnable> hooks = new CopyOnWriteArrayList<>();

  public boolean isCancelled() {
    return cancelled;
  }

  /** Marks cancelled and runs every hook (each at most once overall). Safe from any thread. */
  public void cancel() {
    if (cancelled) {
      return;
    }
    cancelled = true;
    for (Runnable r : hooks) {
      try {
        r.run();
      } catch (RuntimeException ignored) {
        // a failing hook must not stop the others
      }
    }
  }

  /** Registers a hook; runs it immediately if already cancelled. */
  public void onCancel(Runnable hook) {
    hooks.add(hook);
    if (cancelled) {
      hook.run();
    }
  }
}
