package org.ssechat.replay;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * A recorded response body ({@code NAME.sse}) and what its optional sidecar
 * ({@code NAME.sse.json}, see {@code docs/recording-format.md}) says about it.
 *
 * <p>Without a usable sidecar the recording has no reads: {@link #hasTiming()} is false and a
 * player chooses its own read sizes and pacing. A sidecar that is present but broken (bad JSON,
 * wrong format, newer version, sizes that do not add up to the body length) is ignored, and
 * {@link #warning()} says why in one line.
 *
 * <p>Immutable; {@link #body()} returns the shared array, which callers must not modify.
 *
 * @param name       the file name without {@code .sse}
 * @param body       the raw body bytes
 * @param reads      the recorded reads in order (empty without a usable sidecar)
 * @param requestUrl {@code request.url} from the sidecar, or null
 * @param model      {@code request.model} from the sidecar, or null
 * @param warning    why the sidecar was ignored, or null
 */
public record Recording(String name, byte[] body, List<Read> reads, String requestUrl,
    String model, String warning) {

  /** The only sidecar format this reader accepts. */
  public static final String FORMAT = "ssechat-recording";
  /** The newest sidecar version this reader understands. */
  public static final int VERSION = 1;

  private static final ObjectMapper JSON = JsonMapper.builder().build();

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
      return new Recording(name, body, List.of(), null, null, null);
    }
    try {
      return parseSidecar(name, body, sidecar);
    } catch (BadSidecar | JacksonException e) {
      String why = e instanceof BadSidecar ? e.getMessage() : "not valid JSON";
      return new Recording(name, body, List.of(), null, null,
          "ignoring sidecar " + origin + ": " + why + "; replaying without pacing");
    }
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

  private static Recording parseSidecar(String name, byte[] body, byte[] sidecar) {
    JsonNode root = JSON.readTree(sidecar);
    if (root == null || !root.isObject()) {
      throw new BadSidecar("not a JSON object");
    }
    String format = text(root.path("format"));
    if (!FORMAT.equals(format)) {
      throw new BadSidecar("format is " + (format == null ? "missing" : "'" + format + "'")
          + ", expected '" + FORMAT + "'");
    }
    JsonNode version = root.path("version");
    if (!version.isIntegralNumber() || version.asInt() < 1 || version.asInt() > VERSION) {
      throw new BadSidecar("unsupported version " + version + " (this reader knows " + VERSION
          + ")");
    }
    JsonNode readsNode = root.path("reads");
    if (!readsNode.isArray()) {
      throw new BadSidecar("'reads' is missing");
    }
    List<Read> reads = new ArrayList<>(readsNode.size());
    long offset = 0;
    long lastT = Long.MIN_VALUE;
    for (JsonNode r : readsNode) {
      if (!r.isArray() || r.size() != 2 || !r.get(0).isIntegralNumber()
          || !r.get(1).isIntegralNumber()) {
        throw new BadSidecar("read #" + reads.size() + " is not [t_us, size]");
      }
      long t = r.get(0).asLong();
      long size = r.get(1).asLong();
      if (size <= 0 || size > Integer.MAX_VALUE || t < 0 || t < lastT) {
        throw new BadSidecar("read #" + reads.size() + " has a bad size or time " + r);
      }
      reads.add(new Read(offset, (int) size, t));
      offset += size;
      lastT = t;
    }
    if (offset != body.length) {
      throw new BadSidecar("read sizes add up to " + offset + " bytes, the body has "
          + body.length);
    }
    JsonNode request = root.path("request");
    return new Recording(name, body, reads, text(request.path("url")),
        text(request.path("model")), null);
  }

  private static String text(JsonNode n) {
    return n.isString() ? n.asString() : null;
  }

  private static byte[] readResource(ClassLoader loader, String path) throws IOException {
    try (InputStream in = loader.getResourceAsStream(path)) {
      return in == null ? null : in.readAllBytes();
    }
  }

  static String nameOf(String fileName) {
    return fileName.endsWith(".sse") ? fileName.substring(0, fileName.length() - 4) : fileName;
  }

  private static final class BadSidecar extends RuntimeException {
    BadSidecar(String message) {
      super(message, null, false, false);
    }
  }
}
