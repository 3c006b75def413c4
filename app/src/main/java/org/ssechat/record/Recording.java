package org.ssechat.record;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A recorded response body ({@code NAME.sse}) and what its optional sidecar
 * ({@code NAME.sse.json}, see {@code docs/recording-format.md}) says about it.
 *
 * <p>Without a usable sidecar the recording has no reads: {@link #hasTiming()} is false and a
 * player chooses its own read sizes and pacing. A sidecar that is present but broken (bad JSON,
 * wrong format, newer version, sizes that do not add up to the body length) is ignored, and
 * {@link #warning()} says why in one line. {@link RecordingSidecar#parse(byte[])} decides what a
 * valid sidecar is; this class only adds that the sizes must add up to the body length.
 *
 * <p>Immutable; {@link #body()} returns the shared array, which callers must not modify.
 *
 * @param name       the file name without {@code .sse}
 * @param body       the raw body bytes
 * @param reads      the recorded reads in order (empty without a usable sidecar)
 * @param requestUrl {@code request.url} from the sidecar, or null
 * @param model      {@code request.model} from the sidecar, or null
 * @param prompt     {@code request.prompt} (the last user message it answered) from the sidecar,
 *                   or null
 * @param warning    why the sidecar was ignored, or null
 */
public record Recording(String name, byte[] body, List<Read> reads, String requestUrl,
    String model, String prompt, String warning) {

  public Recording {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(body, "body");
    reads = List.copyOf(reads);
  }

  /**
   * One recorded body read.
   *
   * @param offset where the read starts in the body
   * @param size   bytes in the read, positive
   * @param tUs    microseconds from sending the request to this read
   */
  public record Read(long offset, int size, long tUs) {}

  /**
   * Loads {@code file} and, if it exists, {@code file + ".json"}.
   *
   * @throws IOException if the body cannot be read (the message names the file)
   */
  public static Recording load(Path file) throws IOException {
    byte[] body;
    try {
      body = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(file.toString(), null, "no such file");
    }
    Path sidecar = file.resolveSibling(file.getFileName() + ".json");
    byte[] side = Files.isRegularFile(sidecar) ? Files.readAllBytes(sidecar) : null;
    return of(nameOf(file.getFileName().toString()), body, side, sidecar.toString());
  }

  /**
   * Loads {@code NAME.sse} (and {@code NAME.sse.json} if present) from the class path.
   *
   * @param dir the resource directory, e.g. {@code recordings} (no leading or trailing slash)
   * @throws IOException if the body is not on the class path
   */
  public static Recording loadResource(ClassLoader loader, String dir, String name)
      throws IOException {
    String base = dir + "/" + name + ".sse";
    byte[] body = readResource(loader, base);
    if (body == null) {
      throw new NoSuchFileException(base, null, "no such resource");
    }
    return of(name, body, readResource(loader, base + ".json"), base + ".json");
  }

  /**
   * A recording from bytes in memory.
   *
   * @param sidecar the sidecar JSON, or null if there is none
   * @param origin  how to name the sidecar in a warning
   */
  public static Recording of(String name, byte[] body, byte[] sidecar, String origin) {
    if (sidecar == null) {
      return new Recording(name, body, List.of(), null, null, null, null);
    }
    RecordingSidecar parsed;
    try {
      parsed = RecordingSidecar.parse(sidecar);
    } catch (RecordingSidecar.InvalidSidecarException e) {
      return withoutSidecar(name, body, origin, e.getMessage());
    }
    if (parsed.totalBytes() != body.length) {
      return withoutSidecar(name, body, origin, "read sizes add up to " + parsed.totalBytes()
          + " bytes, the body has " + body.length);
    }
    List<Read> reads = new ArrayList<>(parsed.reads().size());
    long offset = 0;
    for (RecordingSidecar.Entry r : parsed.reads()) {
      reads.add(new Read(offset, (int) r.size(), r.tUs()));
      offset += r.size();
    }
    RecordedExchange x = parsed.exchange();
    return new Recording(name, body, reads, x.url(), x.model(), x.prompt(), null);
  }

  private static Recording withoutSidecar(String name, byte[] body, String origin, String why) {
    return new Recording(name, body, List.of(), null, null, null,
        "ignoring sidecar " + origin + ": " + why + "; replaying without pacing");
  }

  /** Whether the recorded read boundaries and times are known. */
  public boolean hasTiming() {
    return !reads.isEmpty();
  }

  /** The longest time between two consecutive reads in microseconds, or -1 without timing. */
  public long maxGapUs() {
    long max = -1;
    for (int i = 1; i < reads.size(); i++) {
      max = Math.max(max, reads.get(i).tUs() - reads.get(i - 1).tUs());
    }
    return reads.size() == 1 ? 0 : max;
  }

  /** The host of {@link #requestUrl()} (e.g. {@code api.openai.com}), or null. */
  public String providerHost() {
    if (requestUrl == null) {
      return null;
    }
    try {
      return URI.create(requestUrl).getHost();
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] readResource(ClassLoader loader, String path) throws IOException {
    try (InputStream in = loader.getResourceAsStream(path)) {
      return in == null ? null : in.readAllBytes();
    }
  }

  public static String nameOf(String fileName) {
    return fileName.endsWith(".sse") ? fileName.substring(0, fileName.length() - 4) : fileName;
  }

}
