package org.ssechat.record;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * A parsed sidecar ({@code NAME.sse.json}, see {@code docs/recording-format.md}).
 *
 * @param recordedAt when the request was sent
 * @param exchange   request and response metadata (secrets already redacted in the file)
 * @param reads      one entry per body read, in order
 */
public record RecordingSidecar(Instant recordedAt, RecordedExchange exchange, List<Read> reads) {

  /**
   * One body read.
   *
   * @param micros microseconds since the request was sent ({@code t_us})
   * @param size   bytes in the read
   */
  public record Read(long micros, long size) {}

  public RecordingSidecar {
    reads = List.copyOf(reads);
  }

  /** Sum of the read sizes: the length the {@code .sse} file should have. */
  public long totalBytes() {
    long n = 0;
    for (Read r : reads) {
      n += r.size();
    }
    return n;
  }

  /**
   * Reads a sidecar.
   *
   * @throws IOException with a one-line message if the file is missing, not JSON, another format
   *     or a newer version
   */
  public static RecordingSidecar read(Path sidecar) throws IOException {
    try (InputStream in = Files.newInputStream(sidecar);
        JsonParser p = new JsonFactory().createParser(in)) {
      return parse(p, sidecar);
    } catch (JacksonException e) {
      throw new IOException(sidecar + " is not a valid sidecar: " + e.getOriginalMessage());
    }
  }

  private static RecordingSidecar parse(JsonParser p, Path file) throws IOException {
    expect(p.nextToken(), JsonToken.START_OBJECT, file);
    String format = null;
    int version = -1;
    Instant at = null;
    String method = null;
    String url = null;
    String model = null;
    Map<String, String> reqHeaders = new LinkedHashMap<>();
    int status = 0;
    Map<String, List<String>> respHeaders = new LinkedHashMap<>();
    List<Read> reads = new ArrayList<>();
    String name;
    while ((name = p.nextName()) != null) {
      JsonToken t = p.nextToken();
      switch (name) {
        case "format" -> format = p.getString();
        case "version" -> version = p.getIntValue();
        case "recordedAt" -> at = Instant.parse(p.getString());
        case "request" -> {
          expect(t, JsonToken.START_OBJECT, file);
          String f;
          while ((f = p.nextName()) != null) {
            JsonToken v = p.nextToken();
            switch (f) {
              case "method" -> method = p.getString();
              case "url" -> url = p.getString();
              case "model" -> model = p.getString();
              case "headers" -> {
                expect(v, JsonToken.START_OBJECT, file);
                String h;
                while ((h = p.nextName()) != null) {
                  p.nextToken();
                  reqHeaders.put(h, p.getString());
                }
              }
              default -> p.skipChildren();
            }
          }
        }
        case "response" -> {
          expect(t, JsonToken.START_OBJECT, file);
          String f;
          while ((f = p.nextName()) != null) {
            JsonToken v = p.nextToken();
            if ("status".equals(f)) {
              status = p.getIntValue();
            } else if ("headers".equals(f)) {
              expect(v, JsonToken.START_OBJECT, file);
              String h;
              while ((h = p.nextName()) != null) {
                expect(p.nextToken(), JsonToken.START_ARRAY, file);
                List<String> values = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                  values.add(p.getString());
                }
                respHeaders.put(h, values);
              }
            } else {
              p.skipChildren();
            }
          }
        }
        case "reads" -> {
          expect(t, JsonToken.START_ARRAY, file);
          while (p.nextToken() == JsonToken.START_ARRAY) {
            p.nextToken();
            long tUs = p.getLongValue();
            p.nextToken();
            long size = p.getLongValue();
            expect(p.nextToken(), JsonToken.END_ARRAY, file);
            reads.add(new Read(tUs, size));
          }
        }
        default -> p.skipChildren();
      }
    }
    if (!RecordingWriter.FORMAT.equals(format)) {
      throw new IOException(file + " is not an ssechat recording (format " + format + ")");
    }
    if (version > RecordingWriter.VERSION || version < 1) {
      throw new IOException(file + " has sidecar version " + version + "; this ssechat reads "
          + "version " + RecordingWriter.VERSION);
    }
    return new RecordingSidecar(at, new RecordedExchange(method, url, model, reqHeaders, status,
        respHeaders), reads);
  }

  private static void expect(JsonToken got, JsonToken want, Path file) throws IOException {
    if (got != want) {
      throw new IOException(file + " is not a valid sidecar: expected " + want + ", found "
          + got);
    }
  }
}
