package org.ssechat.client;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import org.ssechat.chat.ChatDeltaListener;

/**
 * Records every answer of any backend (HTTP, offline) to
 * {@code DIR/yyyyMMdd-HHmmss-SSS-MODEL.sse} (+ sidecar): a decorator that puts a
 * {@link RecordingTap} on each response's byte stream.
 */
public final class RecordingBackend implements ChatBackend {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

  private final ChatBackend inner;
  private final Path dir;
  private final String secret;

  /**
   * @param secret the API key, kept out of the recordings (may be null)
   */
  public RecordingBackend(ChatBackend inner, Path dir, String secret) {
    this.inner = Objects.requireNonNull(inner, "inner");
    this.dir = Objects.requireNonNull(dir, "dir");
    this.secret = secret;
  }

  /** The file the next answer to a request for {@code model} is recorded to. */
  Path fileFor(String model) {
    return dir.resolve(STAMP.format(LocalDateTime.now()) + "-"
        + model.replaceAll("[^A-Za-z0-9._-]", "_") + ".sse");
  }

  @Override
  public ChatResult stream(ChatRequest request, ResponseStreamProcessor response,
      Cancellation cancel) {
    response.tap(new RecordingTap(fileFor(request.model()), secret));
    return inner.stream(request, response, cancel);
  }

  @Override
  public ResponseStreamProcessor newResponse(ChatRequest request,
      ChatDeltaListener listener) {
    return inner.newResponse(request, listener);
  }

  @Override
  public List<String> models() {
    return inner.models();
  }

  @Override
  public String describe() {
    return inner.describe() + " (recording to " + dir + ")";
  }
}
