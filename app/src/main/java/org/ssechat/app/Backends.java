package org.ssechat.app;

import org.ssechat.client.ChatBackend;
import org.ssechat.client.RecordingBackend;
import org.ssechat.client.http.OpenAiCompatibleBackend;
import org.ssechat.config.Settings;
import org.ssechat.offline.OfflineBackend;

/**
 * Creates the {@link ChatBackend} for given settings. The one place where providers are wired to
 * implementations; a test context replaces the bean with a fake.
 */
@FunctionalInterface
public interface Backends {

  ChatBackend create(Settings settings);

  /** The built-in wiring: the offline provider or the HTTP backend, recording if enabled. */
  static ChatBackend standard(Settings s) {
    ChatBackend b = plain(s);
    return s.record() ? new RecordingBackend(b, s.recordingsDir(), s.apiKey()) : b;
  }

  private static ChatBackend plain(Settings s) {
    if (s.offline()) {
      return new OfflineBackend();
    }
    return new OpenAiCompatibleBackend(s.endpoint(), s.responses().withDialect(s.api()));
  }
}
