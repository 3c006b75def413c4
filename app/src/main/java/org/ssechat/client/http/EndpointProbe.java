package org.ssechat.client.http;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.ssechat.chat.ChatDeltaListener;
import org.ssechat.chat.ChatStreamDecoder.Dialect;
import org.ssechat.client.Cancellation;
import org.ssechat.client.ChatMessage;
import org.ssechat.client.ChatRequest;
import org.ssechat.client.ChatResult;
import org.ssechat.client.Outcome;
import org.ssechat.client.RecordingTap;
import org.ssechat.client.ResponseOptions;
import org.ssechat.client.ResponseStreamProcessor;
import org.ssechat.failure.ChatException;
import org.ssechat.failure.Failures;

/**
 * {@code /probe}: what an endpoint serves. Lists its models, then makes a one-token streamed
 * request in each API dialect and notes what came back: whether it streamed and finished, whether
 * usage was reported, whether reasoning fields appeared, whether {@code stream_options} was
 * refused. Timeouts are short and nothing is retried (but a request the server refused for an
 * optional field goes again without it, as every request does); every failure is one redacted
 * line.
 */
public final class EndpointProbe {
  /** How long each probe request may take, start to end. */
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(15);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  /**
   * One line of the report.
   *
   * @param what   {@code models} or the dialect
   * @param ok     whether it works
   * @param detail one line: what was seen, or why it failed
   */
  public record Row(String what, boolean ok, String detail) {}

  private final EndpointConfig config;
  private final Path recordDir;

  /** @param recordDir where each probe's raw stream is recorded, or null for none */
  public EndpointProbe(EndpointConfig config, Path recordDir) {
    this.config = config.withRetries(0, Duration.ZERO)
        .withTimeouts(config.connectTimeout(), PROBE_TIMEOUT, PROBE_TIMEOUT, PROBE_TIMEOUT);
    this.recordDir = recordDir;
  }

  /** Probes {@code model} (used for the chat requests; any name the endpoint accepts). */
  public List<Row> run(String model) {
    List<Row> rows = new ArrayList<>();
    try {
      List<String> models = new OpenAiCompatibleBackend(config).models();
      rows.add(new Row("models", true, models.size() + " listed"
          + (models.isEmpty() ? "" : ", e.g. " + Failures.excerpt(models.get(0), null))));
    } catch (ChatException e) {
      rows.add(new Row("models", false, Failures.oneLine(e.getMessage(), config.apiKey())));
    }
    for (Dialect d : Dialect.values()) {
      rows.add(probe(d, model));
    }
    return rows;
  }

  private Row probe(Dialect dialect, String model) {
    String name = dialect.name().toLowerCase(Locale.ROOT);
    Seen seen = new Seen();
    ChatResult r;
    try {
      r = once(dialect, model, seen);
    } catch (UnsupportedOperationException e) {
      return new Row(name, false, "this build does not decode " + name + " streams");
    }
    // a refused optional field was dropped and the request sent again (RefusedField)
    String notes = RefusedField.STREAM_OPTIONS.droppedIn(r.warnings())
        ? "; stream_options refused" : "";
    boolean ok = r.outcome() == Outcome.FINISHED || r.outcome() == Outcome.TRUNCATED
        && seen.output;
    if (!ok) {
      return new Row(name, false, r.error() == null ? r.outcome().label() : r.error());
    }
    return new Row(name, true, "streams, " + (r.finishReason() != null ? "finish "
        + r.finishReason() : "no finish reason") + (r.usage() != null ? ", usage reported"
        : ", no usage") + (seen.reasoning ? ", reasoning fields" : "") + notes);
  }

  private ChatResult once(Dialect dialect, String model, Seen seen) {
    ChatRequest request = ChatRequest.of(model, List.of(ChatMessage.user("Reply with OK.")))
        .withMaxTokens(1);
    OpenAiCompatibleBackend backend = new OpenAiCompatibleBackend(config,
        ResponseOptions.DEFAULTS.withDialect(dialect));
    ResponseStreamProcessor p = backend.newResponse(request, seen);
    if (recordDir != null) {
      p.tap(new RecordingTap(recordDir.resolve("probe-" + STAMP.format(LocalDateTime.now())
          + "-" + dialect.name().toLowerCase(Locale.ROOT) + ".sse"), config.apiKey()));
    }
    return backend.stream(request, p, new Cancellation());
  }

  /** What a probe's answer showed. */
  private static final class Seen implements ChatDeltaListener {
    boolean output;
    boolean reasoning;

    @Override
    public void onContent(int choice, char[] text, int off, int len) {
      output = true;
    }

    @Override
    public void onReasoning(int choice, char[] text, int off, int len) {
      output = true;
      reasoning = true;
    }
  }
}
