package org.ssechat.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import org.ssechat.failure.Failures;
import org.ssechat.record.RecordedExchange;
import org.ssechat.record.RecordingWriter;

/**
 * A {@link BodyTap} that records the body to {@code NAME.sse} and, at the end, its sidecar
 * ({@code docs/recording-format.md}). A response that begins again (an HTTP retry) starts the file
 * over, so the recording holds the response the answer came from. A recording failure never
 * affects the answer: it ends the recording and becomes one warning.
 */
public final class RecordingTap implements BodyTap {
  private final Path file;
  private final String secret;
  private RecordingWriter writer;
  private RecordedExchange head;
  private String problem;

  /**
   * @param file   the {@code .sse} file to write (parent directories are created)
   * @param secret the API key, redacted from what is written (may be null)
   */
  public RecordingTap(Path file, String secret) {
    this.file = file;
    this.secret = secret;
  }

  @Override
  public void begin(RecordedExchange head, long startNanos) {
    if (writer != null) { // a retried request starts the file over
      writer.discard();
      writer = null;
    }
    this.head = head;
    problem = null;
    try {
      writer = RecordingWriter.open(file, Instant.now(), startNanos);
    } catch (IOException e) {
      problem = "could not record to " + file + ": " + Failures.messageOf(e);
    }
  }

  @Override
  public void read(ByteBuffer buf, long arrivalNanos) {
    if (writer == null) {
      return;
    }
    try {
      writer.write(buf, arrivalNanos);
    } catch (IOException e) {
      problem = "recording failed and was removed: " + Failures.messageOf(e);
      writer.discard();
      writer = null;
    }
  }

  @Override
  public String end() {
    if (writer != null) {
      try {
        writer.finish(head, secret);
      } catch (IOException e) {
        problem = "recording failed and was removed: " + Failures.messageOf(e);
        writer.discard();
      }
      writer = null;
    }
    return problem == null ? null : Failures.oneLine(problem, secret);
  }
}
