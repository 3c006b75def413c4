package org.ssechat.serve;

import java.nio.file.Path;
import java.util.Objects;
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

  /** Loopback, port 8080, bundled recordings, recorded pacing. */
  public static ServeOptions defaults() {
    return new ServeOptions(DEFAULT_HOST, DEFAULT_PORT, null, Speed.REALTIME);
  }
}
