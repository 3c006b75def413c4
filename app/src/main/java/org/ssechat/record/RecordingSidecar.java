package org.ssechat.record;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A parsed sidecar ({@code NAME.sse.json}, see {@code docs/recording-format.md}).
 *
 * @param recordedAt when the request was sent, or null if the sidecar does not say
 * @param exchange   request and response metadata (secrets already redacted in the file)
 * @param reads      one entry per body read, in order
 */
public record RecordingSidecar(Instant recordedAt, RecordedExchange exchange, List<Entry> reads) {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  /**
   * One entry of the sidecar's {@code reads} list: a body read as the file states it (a
   * {@link Recording.Read} adds where it starts in the body).
   *
   * @param tUs  microseconds since the request was sent ({@code t_us}), never less than the
   *     previous read's
   * @param size bytes in the read, positive and at most {@link Integer#MAX_VALUE}
   */
  public record Entry(long tUs, long size) {}

  public RecordingSidecar {
    reads = List.copyOf(reads);
  }

  /** Sum of the read sizes: the length the {@code .sse} file should have. */
  public long totalBytes() {
    long n = 0;
    for (Entry r : reads) {
      n += r.size();
    }
    return n;
  }

  /**
   * Reads a sidecar file.
   *
   * @throws IOException with a one-line message naming the file if it is missing or not a valid
   *     sidecar (see {@link #parse(byte[])})
   */
  public static RecordingSidecar read(Path sidecar) throws IOException {
    byte[] json;
    try {
      json = Files.readAllBytes(sidecar);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(sidecar.toString(), null, "no such file");
    }
    try {
      return parse(json);
    } catch (InvalidSidecarException e) {
      throw new InvalidSidecarException(sidecar + ": " + e.getMessage());
    }
  }

  /**
   * Parses sidecar JSON: the one place that decides what a valid sidecar is.
   *
   * @throws InvalidSidecarException with a one-line reason (no file name) if the bytes are not
   *     JSON, another format, a newer version, or {@code reads} is not a list of
   *     {@code [t_us, size]} with positive sizes and non-decreasing times
   */
  public static RecordingSidecar parse(byte[] json) throws InvalidSidecarException {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new InvalidSidecarException("not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw new InvalidSidecarException("not a JSON object");
    }
    String format = text(root.path("format"));
    if (!RecordingWriter.FORMAT.equals(format)) {
      throw new InvalidSidecarException("format is "
          + (format == null ? "missing" : "'" + format + "'") + ", expected '"
          + RecordingWriter.FORMAT + "'");
    }
    JsonNode version = root.path("version");
    if (!version.isIntegralNumber() || version.asInt() < 1
        || version.asInt() > RecordingWriter.VERSION) {
      throw new InvalidSidecarException("unsupported version " + version + " (this reader knows "
          + RecordingWriter.VERSION + ")");
    }
    return new RecordingSidecar(instant(root.path("recordedAt")), exchange(root),
        reads(root.path("reads")));
  }

  private static List<Entry> reads(JsonNode node) throws InvalidSidecarException {
    if (!node.isArray()) {
      throw new InvalidSidecarException("'reads' is missing");
    }
    List<Entry> reads = new ArrayList<>(node.size());
    long lastT = 0;
    for (JsonNode r : node) {
      if (!r.isArray() || r.size() != 2 || !r.get(0).isIntegralNumber()
          || !r.get(1).isIntegralNumber()) {
        throw new InvalidSidecarException("read #" + reads.size() + " is not [t_us, size]");
      }
      long t = r.get(0).asLong();
      long size = r.get(1).asLong();
      if (size <= 0 || size > Integer.MAX_VALUE || t < lastT) {
        throw new InvalidSidecarException("read #" + reads.size() + " has a bad size or time "
            + r);
      }
      reads.add(new Entry(t, size));
      lastT = t;
    }
    return reads;
  }

  private static RecordedExchange exchange(JsonNode root) {
    JsonNode req = root.path("request");
    Map<String, String> reqHeaders = new LinkedHashMap<>();
    req.path("headers").properties().forEach(e -> reqHeaders.put(e.getKey(),
        text(e.getValue())));
    JsonNode resp = root.path("response");
    Map<String, List<String>> respHeaders = new LinkedHashMap<>();
    resp.path("headers").properties().forEach(e -> {
      List<String> values = new ArrayList<>();
      e.getValue().forEach(v -> values.add(text(v)));
      respHeaders.put(e.getKey(), values);
    });
    return new RecordedExchange(text(req.path("method")), text(req.path("url")),
        text(req.path("model")), reqHeaders, resp.path("status").asInt(0), respHeaders,
        text(req.path("prompt")));
  }

  private static Instant instant(JsonNode n) throws InvalidSidecarException {
    String s = text(n);
    try {
      return s == null ? null : Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new InvalidSidecarException("recordedAt '" + s + "' is not an instant");
    }
  }

  private static String text(JsonNode n) {
    return n.isString() ? n.asString() : null;
  }

  /** A sidecar that is not valid; the message is one line. */
  public static final class InvalidSidecarException extends IOException {
    InvalidSidecarException(String message) {
      super(message);
    }
  }
}
