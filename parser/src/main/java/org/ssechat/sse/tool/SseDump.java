package org.ssechat.sse.tool;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.ssechat.sse.SseLimitException;
import org.ssechat.sse.SseLimits;
import org.ssechat.sse.SseParser;
import org.ssechat.sse.SseParserProvider;
import org.ssechat.sse.SseParsers;

/**
 * Dumps the events of an SSE body as JSON lines, one {@code {"event","data","id"}} object per
 * dispatched event (see {@link org.ssechat.sse.SseMessage#toJson()}), UTF-8 on stdout.
 *
 * <pre>{@code java -jar ssechat-parser.jar [--chunk-size N] [--parser NAME] FILE|-}</pre>
 *
 * <p>The input is fed in reads of exactly N bytes (default 8192; the last may be shorter).
 * Exit codes: 0 done (a truncated stream is not an error); 1 a limit breach or an I/O error;
 * 2 a usage error (bad option, unknown parser). Errors are one line on stderr, prefixed
 * {@code ssechat-dump: }.
 */
public final class SseDump {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;
  private static final String NAME = "ssechat-dump";
  private static final String USAGE_LINE =
      "usage: " + NAME + " [--chunk-size N] [--parser NAME] FILE|-";

  private SseDump() {}

  public static void main(String[] args) {
    int code = run(args, System.in, System.out, System.err);
    System.exit(code);
  }

  /** The whole tool, with its streams passed in; returns the exit code. */
  static int run(String[] args, InputStream stdin, OutputStream stdout, PrintStream stderr) {
    int chunkSize = 8192;
    String parserName = SseParsers.DEFAULT;
    String file = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        value = a.substring(eq + 1);
        a = a.substring(0, eq);
      }
      switch (a) {
        case "-h", "--help" -> {
          PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
          out.println(USAGE_LINE);
          out.println("  --chunk-size N  feed the input in reads of N bytes (default 8192)");
          out.println("  --parser NAME   parser implementation (default " + SseParsers.DEFAULT + ")");
          for (String n : SseParsers.names()) {
            SseParserProvider p = SseParsers.provider(n);
            out.println("                    " + p.name() + ": " + p.description());
          }
          out.println("Prints one JSON object per event. Exit 0 ok, 1 limit or I/O error, 2 usage.");
          return OK;
        }
        case "--chunk-size", "--parser" -> {
          if (value == null) {
            if (++i == args.length) {
              return usage(stderr, a + " needs a value");
            }
            value = args[i];
          }
          if (a.equals("--parser")) {
            parserName = value;
          } else {
            try {
              chunkSize = Integer.parseInt(value);
            } catch (NumberFormatException e) {
              chunkSize = 0;
            }
            if (chunkSize <= 0) {
              return usage(stderr, "--chunk-size must be a positive integer, not '" + value + "'");
            }
          }
        }
        default -> {
          if (a.startsWith("-") && !a.equals("-")) {
            return usage(stderr, "unknown option '" + args[i] + "'");
          }
          if (file != null) {
            return usage(stderr, "one input only (got '" + file + "' and '" + a + "')");
          }
          file = args[i];
        }
      }
    }
    if (file == null) {
      return usage(stderr, "no input (give a FILE, or - for stdin)");
    }

    OutputStream out = new BufferedOutputStream(stdout, 1 << 16);
    SseParser parser;
    try {
      parser = SseParsers.create(parserName, e -> {
        try {
          out.write(e.toMessage().toJson().getBytes(StandardCharsets.UTF_8));
          out.write('\n');
        } catch (IOException x) {
          throw new UncheckedIOException(x);
        }
      }, SseLimits.DEFAULTS);
    } catch (IllegalArgumentException e) {
      return usage(stderr, e.getMessage());
    }

    try (InputStream in = file.equals("-") ? stdin : Files.newInputStream(Path.of(file))) {
      byte[] buf = new byte[chunkSize];
      int n;
      while ((n = in.readNBytes(buf, 0, chunkSize)) > 0) {
        parser.feed(buf, 0, n);
      }
      parser.endOfInput();
      out.flush();
      return OK;
    } catch (SseLimitException e) {
      return fail(out, stderr, e.getMessage());
    } catch (NoSuchFileException e) {
      return fail(out, stderr, "no such file: " + file);
    } catch (AccessDeniedException e) {
      return fail(out, stderr, "permission denied: " + file);
    } catch (IOException | UncheckedIOException e) {
      IOException io = e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
      return fail(out, stderr, "I/O error on " + file + ": " + io.getMessage());
    }
  }

  private static int usage(PrintStream stderr, String message) {
    stderr.println(NAME + ": " + message + " (" + USAGE_LINE + ")");
    stderr.flush();
    return USAGE;
  }

  /** Prints what was decoded before the failure, then the one-line error. */
  private static int fail(OutputStream out, PrintStream stderr, String message) {
    try {
      out.flush();
    } catch (IOException ignored) {
      // stdout is gone; the error line on stderr is all that is left to say
    }
    stderr.println(NAME + ": " + message);
    stderr.flush();
    return FAILED;
  }
}
