package org.ssechat.serve;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.springframework.shell.core.command.CommandOption;
import org.ssechat.cli.Args;
import org.ssechat.failure.Failures;
import org.ssechat.replay.Pacing;
import org.ssechat.replay.Speed;

/**
 * Options of {@code ssechat serve}.
 *
 * @param host  the address to bind; {@code 127.0.0.1} (loopback) unless the user asks otherwise
 * @param port  the port; 0 picks a free one
 * @param dir   the directory of {@code *.sse} recordings, or null for the bundled ones
 * @param pacing the pacing of streamed answers: the speed ({@code --speed}), and the gap
 *               between the events of a recording without timing ({@code --untimed-gap})
 * @param engine {@code netty} (the event loop, the default) or {@code threads} (thread per
 *               stream, the JDK's HTTP server: kept to compare under load)
 * @param limits the guards of the netty engine, the bearer token among them
 *               ({@code --token}, {@code --max-body}, {@code --max-connections},
 *               {@code --max-streams}, {@code --request-timeout}, {@code --idle-timeout})
 * @param faults the faults to inject ({@code --faults}, {@code --seed}; netty engine)
 */
public record ServeOptions(String host, int port, Path dir, Pacing pacing, String engine,
    EventLoopServer.Limits limits, Faults faults) {

  /**
   * Loopback, port 8080, bundled recordings, recorded pacing, the event-loop engine, default
   * limits, no token, no faults; change what you need with the {@code with…} methods.
   */
  public static ServeOptions defaults() {
    return new ServeOptions(DEFAULT_HOST, DEFAULT_PORT, null, Pacing.of(Speed.REALTIME), "netty",
        EventLoopServer.Limits.DEFAULTS, Faults.NONE);
  }

  public ServeOptions withHost(String h) {
    return new ServeOptions(h, port, dir, pacing, engine, limits, faults);
  }

  public ServeOptions withPort(int p) {
    return new ServeOptions(host, p, dir, pacing, engine, limits, faults);
  }

  /** Recordings from {@code d} (null: the bundled ones). */
  public ServeOptions withDir(Path d) {
    return new ServeOptions(host, port, d, pacing, engine, limits, faults);
  }

  public ServeOptions withSpeed(Speed s) {
    return new ServeOptions(host, port, dir, new Pacing(s, pacing.untimedGapNanos()), engine,
        limits, faults);
  }

  /** The gap between the events of a recording without timing; 0 sends it all at once. */
  public ServeOptions withUntimedGapMillis(long ms) {
    return new ServeOptions(host, port, dir, pacing.withUntimedGapNanos(ms * 1_000_000), engine,
        limits, faults);
  }

  /** The speed streamed answers play at. */
  public Speed speed() {
    return pacing.speed();
  }

  public ServeOptions withEngine(String e) {
    return new ServeOptions(host, port, dir, pacing, e, limits, faults);
  }

  public ServeOptions withLimits(EventLoopServer.Limits l) {
    return new ServeOptions(host, port, dir, pacing, engine, l, faults);
  }

  public ServeOptions withFaults(Faults f) {
    return new ServeOptions(host, port, dir, pacing, engine, limits, f);
  }

  /** The bearer token clients must send, or null for none. */
  public String token() {
    return limits.token();
  }

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;

  public ServeOptions {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(pacing, "pacing");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(faults, "faults");
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
          + " [--engine netty|threads] [--faults SPEC [--seed N]] [--max-body 16MiB]"
          + " [--max-connections 20000] [--max-streams 15000] [--request-timeout 30s]"
          + " [--idle-timeout 60s] [--untimed-gap 25ms]";

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
      Args.valued("seed", 'S', "seed of the fault draws (default 1)"),
      Args.valued("max-body", ' ', "request bodies over this get 413 (default 16MiB)"),
      Args.valued("max-connections", ' ', "connections past this get 503 (default 20000)"),
      Args.valued("max-streams", ' ', "streams past this get 429 (default 15000)"),
      Args.valued("request-timeout", ' ', "a request must arrive whole within this of its "
          + "first byte, else 408 (default 30s)"),
      Args.valued("idle-timeout", ' ', "a connection with no request under way is closed "
          + "after this (default 60s)"),
      Args.valued("untimed-gap", ' ', "gap between the events of a recording without timing "
          + "(no sidecar), before --speed divides it; 0 sends it all at once (default 25ms)"));

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
    ServeOptions o = defaults().withLimits(limits(a));
    if (a.value("host") != null) {
      o = o.withHost(a.value("host"));
    }
    if (a.value("port") != null) {
      o = o.withPort(port(a.value("port")));
    }
    if (a.value("dir") != null) {
      o = o.withDir(Path.of(a.value("dir")));
    }
    if (a.value("speed") != null) {
      o = o.withSpeed(Speed.parse(a.value("speed")));
    }
    if (a.value("untimed-gap") != null) {
      o = o.withUntimedGapMillis(millis("untimed-gap", a.value("untimed-gap")));
    }
    if (a.value("engine") != null) {
      o = o.withEngine(a.value("engine"));
    }
    if (a.value("faults") != null) {
      o = o.withFaults(Faults.parse(a.value("faults"), seed(a.value("seed"))));
    }
    return o;
  }

  private static EventLoopServer.Limits limits(Args a) {
    EventLoopServer.Limits l = EventLoopServer.Limits.DEFAULTS.withToken(a.value("token"));
    if (a.value("max-body") != null) {
      l = l.withMaxBodyBytes(bytes("max-body", a.value("max-body")));
    }
    if (a.value("max-connections") != null) {
      l = l.withMaxConnections(count("max-connections", a.value("max-connections")));
    }
    if (a.value("max-streams") != null) {
      l = l.withMaxStreams(count("max-streams", a.value("max-streams")));
    }
    if (a.value("request-timeout") != null) {
      l = l.withRequestTimeoutSeconds(seconds("request-timeout", a.value("request-timeout")));
    }
    if (a.value("idle-timeout") != null) {
      l = l.withIdleSeconds(seconds("idle-timeout", a.value("idle-timeout")));
    }
    return l;
  }

  /** {@code 16MiB}, {@code 512KiB}, {@code 1000}: a positive byte count under 2 GiB. */
  static int bytes(String option, String v) {
    String t = v.trim();
    long unit = t.endsWith("MiB") ? 1 << 20 : t.endsWith("KiB") ? 1 << 10 : 1;
    String digits = unit == 1 ? t : t.substring(0, t.length() - 3);
    return (int) positive(option, v, digits, Integer.MAX_VALUE / unit,
        "e.g. 16MiB, 512KiB or 1000") * (int) unit;
  }

  /** {@code 25ms}, {@code 1s} or {@code 25} (milliseconds): from zero up to a minute. */
  static long millis(String option, String v) {
    String t = v.trim();
    long unit = t.endsWith("ms") ? 1 : t.endsWith("s") ? 1000 : 1;
    String digits = t.endsWith("ms") ? t.substring(0, t.length() - 2)
        : t.endsWith("s") ? t.substring(0, t.length() - 1) : t;
    if (digits.equals("0")) {
      return 0;
    }
    return positive(option, v, digits, 60_000 / unit, "e.g. 25ms, 1s or 0") * unit;
  }

  /** A positive whole number. */
  static int count(String option, String v) {
    return (int) positive(option, v, v.trim(), Integer.MAX_VALUE, "a whole number above 0");
  }

  /** {@code 30s}, {@code 2m} or {@code 30}: whole seconds, positive. */
  static int seconds(String option, String v) {
    String t = v.trim();
    int unit = t.endsWith("m") ? 60 : 1;
    String digits = t.endsWith("m") || t.endsWith("s") ? t.substring(0, t.length() - 1) : t;
    return (int) positive(option, v, digits, Integer.MAX_VALUE / unit, "e.g. 30s or 2m") * unit;
  }

  private static long positive(String option, String given, String digits, long max,
      String hint) {
    try {
      long n = Long.parseLong(digits);
      if (n > 0 && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new IllegalArgumentException("bad --" + option + " '" + Failures.excerpt(given, null)
        + "': use " + hint);
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

}
