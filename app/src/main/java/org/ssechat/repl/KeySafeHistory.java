package org.ssechat.repl;

import java.time.Instant;
import java.util.function.Predicate;
import org.jline.reader.impl.history.DefaultHistory;

/** JLine history that never records a line for which {@code secret} is true (the API key). */
public final class KeySafeHistory extends DefaultHistory {
  private final Predicate<String> secret;

  public KeySafeHistory(Predicate<String> secret) {
    this.secret = secret;
  }

  @Override
  public void add(Instant time, String line) {
    if (!secret.test(line)) {
      super.add(time, line);
    }
  }
}
