package org.ssechat.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.ssechat.chat.ChatDeltaListener;
import org.ssechat.client.Cancellation;
import org.ssechat.client.ChatBackend;
import org.ssechat.client.ChatRequest;
import org.ssechat.client.ChatResult;
import org.ssechat.client.http.AuthScheme;
import org.ssechat.client.http.EndpointConfig;
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

  /** The built-in wiring: the offline provider, or the HTTP backend (recording if enabled). */
  static ChatBackend standard(Settings s) {
    if (s.offline()) {
      return new OfflineBackend();
    }
    EndpointConfig config = EndpointConfig.of(s.provider(), s.baseUrl(), s.apiKey())
        .withAuth(AuthScheme.parse(s.auth()))
        .withTimeouts(s.connectTimeout(), s.readTimeout(), s.readTimeout(), null);
    OpenAiCompatibleBackend http = new OpenAiCompatibleBackend(config);
    return s.record() ? new Recording(http, s.recordingsDir()) : http;
  }

  /** Records every response to {@code DIR/yyyyMMdd-HHmmss-SSS-MODEL.sse} (+ sidecar). */
  final class Recording implements ChatBackend {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");
    private final OpenAiCompatibleBackend http;
    private final Path dir;

    Recording(OpenAiCompatibleBackend http, Path dir) {
      this.http = http;
      this.dir = dir;
    }

    @Override
    public ChatResult stream(ChatRequest request, ChatDeltaListener listener, Cancellation cancel) {
      Path file = dir.resolve(STAMP.format(LocalDateTime.now()) + "-"
          + request.model().replaceAll("[^A-Za-z0-9._-]", "_") + ".sse");
      try {
        Files.createDirectories(dir);
      } catch (java.io.IOException e) {
        file = null; // the answer still streams; the backend reports no recording
      }
      return http.stream(request, listener, cancel, file);
    }

    @Override
    public List<String> models() {
      return http.models();
    }

    @Override
    public String describe() {
      return http.describe() + " (recording to " + dir + ")";
    }
  }
}
