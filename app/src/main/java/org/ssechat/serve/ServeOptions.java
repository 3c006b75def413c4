package org.ssechat.serve;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.ssechat.replay.CliWords;
import org.ssechat.replay.Speed;

/**
 * Options of {@code ssechat serve}.
 *
 * @param host  the address to bind; {@code 127.0.0.1} (loopback) unless the user asks otherwise
 * @param port  the port; 0 picks a free one
 * @param dir   the directory of {@code *.sse} recordings, or null for the bundled ones
 * @param speed the replay speed of streamed answers
 */
public record ServeOptions(String host, int port, Path dir, Speed speed) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;

  public ServeOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(speed, "speed");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("bad port " + port + ": use 0-65535");
    }
  }

  /** The usage line. */
  public static final String USAGE =
      "serve [--port 8080] [--dir DIR] [--speed 1|2|10|max] [--host 127.0.0.1]";

  /**
   * Parses command-line words (after {@code serve}), as {@code --opt value} or
   * {@code --opt=value}.
   *
   * @throws IllegalArgumentException with a one-line message naming the problem
   */
  public static ServeOptions parse(List<String> args) {
    ServeOptions o = defaults();
    String host = o.host();
    int port = o.port();
    Path dir = null;
    Speed speed = o.speed();
    for (CliWords.Word w : CliWords.split(args, Set.of(),
        Set.of("--port", "--dir", "--speed", "--host"), USAGE)) {
      if (w.option() == null) {
        throw new IllegalArgumentException("unexpected '" + w.value() + "'; usage: " + USAGE);
      }
      switch (w.option()) {
        case "--port" -> port = port(w.value());
        case "--dir" -> dir = Path.of(w.value());
        case "--speed" -> speed = Speed.parse(w.value());
        default -> host = w.value();
      }
    }
    return new ServeOptions(host, port, dir, speed);
  }

  private static int port(String s) {
    try {
      int p = Integer.parseInt(s);
      if (p >= 0 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new IllegalArgumentException("bad port '" + s + "': use 0-65535");
  }

  /** Loopback, port 8080, bundled recordings, recorded pacing. */
  public static ServeOptions defaults() {
    return new ServeOptions(DEFAULT_HOST, DEFAULT_PORT, null, Speed.REALTIME);
  }
}
