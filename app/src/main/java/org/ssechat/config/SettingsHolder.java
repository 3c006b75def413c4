package org.ssechat.config;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/** The current effective {@link Settings}; the REPL changes model, recording and reasoning here. */
public final class SettingsHolder {
  private final AtomicReference<Settings> current;

  public SettingsHolder(Settings initial) {
    this.current = new AtomicReference<>(initial);
  }

  public Settings get() {
    return current.get();
  }

  public Settings update(UnaryOperator<Settings> change) {
    return current.updateAndGet(change);
  }
}
