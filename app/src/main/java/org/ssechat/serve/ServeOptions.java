package org.ssechat.serve;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.springframework.shell.core.command.CommandOption;
import org.ssechat.cli.Args;
import org.ssechat.replay.Speed;

/**
 * Options of {@code ssechat serve}.
 *
 * @param host  the address to bind; {@code 127.0.0.1} (loopback) unless the user asks otherwise
 * @param port  the port; 0 picks a free one
 * @param dir   the directory of {@code *.sse} recordings, or null for the bundled ones
 * @param speed the replay speed of streamed answers
 * @param engine {@code netty} (the event loop, the default) or {@code threads} (thread per
 *               stream, the JDK's HTTP server: kept to compare under load)
 * @param token  the bearer token clients must send, or null for none
 * @param faults the faults to inject ({@code --faults}, {@code --seed}; netty engine)
 */
public record ServeOptions(String host, int port, Path dir, Speed speed, String engine,
    String token, Faults faults) {

  /** The event-loop engine, no token, no faults. */
  public ServeOptions(String host, int port, Path dir, Speed speed) {
    this(host, port, dir, speed, "netty", null, Faults.NONE);
  }

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;

  public ServeOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(speed, "speed");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("bad port " + port + ": use 0-65535");
    }
    if (!engine.equals("netty") && !engine.equals("threads")) {
      throw new IllegalArgumentException("bad engine '" + engine + "': use netty or threads");
    }
  }

  /** The usage line. */
  public static final String USAGE =
      "serve [--port 8080] [--dir DIR] [--speed 1|2|10|max] [--host 127.0.0.1] [--token T]"
          + " [--engine netty|threads] [--faults SPEC [--seed N]]";

  /** The options, declared once for the command line and help. */
  public static final List<CommandOption> OPTIONS = List.of(
      Args.valued("port", 'p', "port (default 8080; 0 picks a free one)"),
      Args.valued("dir", 'd', "directory of NAME.sse recordings (default: bundled)"),
      Args.valued("speed", 's', "1|2|10|max (default 1)"),
      Args.valued("host", 'H', "address to bind (default 127.0.0.1)"),
      Args.valued("token", 't', "require Authorization: Bearer TOKEN"),
      Args.valued("engine", 'e', "netty (event loop, default) or threads (thread per stream)"),
      Args.valued("faults", 'f', "e.g. drop=1%,stall=0.5%,status429=2%,status500=1%,"
          + "midstream-error=1%,slow-first-byte=200ms"),
      Args.valued("seed", 'S', "seed of the fault draws (default 1)"));

  /**
   * Reads the options from a parsed {@code serve} command line.
   *
   * @throws IllegalArgumentException with a one-line message naming the problem
   */
  public static ServeOptions from(Args a) {
    if (!a.positional().isEmpty()) {
      throw new IllegalArgumentException("unexpected '" + a.positional().get(0) + "'; usage: "
          + USAGE);
    }
    ServeOptions d = defaults();
    String port = a.value("port");
    String dir = a.value("dir");
    String speed = a.value("speed");
    String host = a.value("host");
    String engine = a.value("engine");
    return new ServeOptions(host == null ? d.host() : host, port == null ? d.port() : port(port),
        dir == null ? null : Path.of(dir), speed == null ? d.speed() : Speed.parse(speed),
        engine == null ? d.engine() : engine, a.value("token"),
        a.value("faults") == null ? Faults.NONE : Faults.parse(a.value("faults"),
            seed(a.value("seed"))));
  }

  /** {@link #from(Args)} for process arguments (after {@code serve}). */
  public static ServeOptions parse(List<String> argv) {
    return from(Args.parse(OPTIONS, argv));
  }

  private static long seed(String s) {
    try {
      return s == null ? 1 : Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad seed '" + s + "': use a whole number");
    }
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
