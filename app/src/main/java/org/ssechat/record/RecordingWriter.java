package org.ssechat.record;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.ssechat.files.PrivateFiles;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes one recording as {@code docs/recording-format.md} describes: the body bytes to
 * {@code NAME.sse} as they arrive, then the sidecar {@code NAME.sse.json} at the end, through a
 * temporary file and an atomic move, so a crash leaves a valid {@code .sse} and either no sidecar
 * or a complete one. Both files are private (0600) and the recordings directory 0700
 * ({@link PrivateFiles}); {@link #discard()} removes a recording that failed.
 *
 * <p>Redaction: the {@code Authorization}, {@code api-key} and {@code x-api-key} request headers
 * and every header whose value contains the secret are written as {@code "<redacted>"}; the secret
 * in the URL or the prompt ({@code request.prompt}) is written as {@code <redacted>}.
 * Not thread-safe.
 */
public final class RecordingWriter implements AutoCloseable {
  /** The sidecar's {@code format} value. */
  public static final String FORMAT = "ssechat-recording";
  /** The sidecar version this writer produces. */
  public static final int VERSION = 1;

  private final Path ssePath;
  private final FileChannel body;
  private final Instant recordedAt;
  private final long startNanos;
  private long[] reads = new long[64];
  private int readCount;
  private boolean closed;

  private RecordingWriter(Path ssePath, FileChannel body, Instant recordedAt, long startNanos) {
    this.ssePath = ssePath;
    this.body = body;
    this.recordedAt = recordedAt;
    this.startNanos = startNanos;
  }

  /**
   * Starts a recording at {@code ssePath} (conventionally {@code NAME.sse}): a new file, 0600,
   * never an existing one or a symbolic link; parent directories are created 0700.
   *
   * @param startNanos {@link System#nanoTime()} when the request was sent; read times count from it
   */
  public static RecordingWriter open(Path ssePath, Instant recordedAt, long startNanos)
      throws IOException {
    return new RecordingWriter(ssePath, PrivateFiles.createNew(ssePath), recordedAt, startNanos);
  }

  /** Closes and deletes what was written (a recording that failed leaves no half file). */
  public void discard() {
    try {
      close();
    } catch (IOException ignored) {
      // deleting is what matters
    }
    try {
      Files.deleteIfExists(ssePath);
      Files.deleteIfExists(sidecarOf(ssePath));
    } catch (IOException ignored) {
      // nothing more to do: the warning says the recording failed
    }
  }

  /** The sidecar path for a body path: {@code NAME.sse} → {@code NAME.sse.json}. */
  public static Path sidecarOf(Path ssePath) {
    return ssePath.resolveSibling(ssePath.getFileName() + ".json");
  }

  /**
   * Appends one read: the remaining bytes of {@code buf} (its position is not moved). An empty
   * buffer is not a read and is skipped: sidecar reads always have a positive size.
   *
   * @param arrivalNanos {@link System#nanoTime()} when the read arrived
   */
  public void write(ByteBuffer buf, long arrivalNanos) throws IOException {
    if (!buf.hasRemaining()) {
      return;
    }
    ByteBuffer b = buf.duplicate();
    int size = b.remaining();
    while (b.hasRemaining()) {
      body.write(b);
    }
    if (readCount * 2 + 2 > reads.length) {
      reads = Arrays.copyOf(reads, reads.length * 2);
    }
    reads[readCount * 2] = Math.max(0, (arrivalNanos - startNanos) / 1_000);
    reads[readCount * 2 + 1] = size;
    readCount++;
  }

  /**
   * Closes the body file and writes the sidecar. {@code secret} (the API key) is never written:
   * headers holding it read {@code <redacted>}, and where the server echoed it in the body its
   * bytes are overwritten in place ({@link BodyRedactor}) and listed in the sidecar.
   */
  public void finish(RecordedExchange exchange, String secret) throws IOException {
    close();
    List<long[]> redactedRanges = BodyRedactor.redact(ssePath, secret);
    RecordedExchange x = exchange.redacted(secret);
    Path sidecar = sidecarOf(ssePath);
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeName("format");
      g.writeString(FORMAT);
      g.writeName("version");
      g.writeNumber(VERSION);
      g.writeName("recordedAt");
      g.writeString(recordedAt.toString());
      g.writeName("request");
      g.writeStartObject();
      g.writeName("method");
      g.writeString(x.method());
      g.writeName("url");
      g.writeString(x.url());
      g.writeName("model");
      g.writeString(x.model());
      if (x.prompt() != null) {
        g.writeName("prompt");
        g.writeString(x.prompt());
      }
      g.writeName("headers");
      g.writeStartObject();
      for (Map.Entry<String, String> h : x.requestHeaders().entrySet()) {
        g.writeName(h.getKey());
        g.writeString(h.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
      g.writeName("response");
      g.writeStartObject();
      g.writeName("status");
      g.writeNumber(x.status());
      g.writeName("headers");
      g.writeStartObject();
      for (Map.Entry<String, List<String>> h : x.responseHeaders().entrySet()) {
        g.writeName(h.getKey());
        g.writeStartArray();
        for (String v : h.getValue()) {
          g.writeString(v);
        }
        g.writeEndArray();
      }
      g.writeEndObject();
      g.writeEndObject();
      if (!redactedRanges.isEmpty()) {
        g.writeName("redacted");
        g.writeStartArray();
        for (long[] r : redactedRanges) {
          g.writeStartArray();
          g.writeNumber(r[0]);
          g.writeNumber(r[1]);
          g.writeEndArray();
        }
        g.writeEndArray();
      }
      g.writeName("reads");
      g.writeStartArray();
      for (int i = 0; i < readCount; i++) {
        g.writeStartArray();
        g.writeNumber(reads[i * 2]);
        g.writeNumber(reads[i * 2 + 1]);
        g.writeEndArray();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    PrivateFiles.replace(sidecar, out.toByteArray());
  }

  /** Closes the body file without writing a sidecar (idempotent). */
  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      body.close();
    }
  }
}
