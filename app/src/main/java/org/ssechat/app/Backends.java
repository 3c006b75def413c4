package org.ssechat.app;

import org.ssechat.client.ChatBackend;
import org.ssechat.config.Settings;

/**
 * Creates the {@link ChatBackend} for given settings. The one place where providers are wired to
 * implementations; a test context replaces the bean with a fake.
 */
@FunctionalInterface
public interface Backends {

  ChatBackend create(Settings settings);

  /** The built-in wiring. */
  static ChatBackend standard(Settings s) {
    if (s.offline()) {
      return new PlaceholderOfflineBackend();
    }
    return new UnavailableHttpBackend(s);
  }
}
