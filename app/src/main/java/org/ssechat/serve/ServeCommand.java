package org.ssechat.serve;

import java.io.IOException;
import java.io.PrintWriter;
import org.ssechat.failure.ExitCodes;
import org.ssechat.failure.Failures;
import org.ssechat.replay.PacingClock;
import org.ssechat.replay.RecordingLibrary;

/** {@code ssechat serve} as a command: starts an engine, reports, waits. */
public final class ServeCommand {
  private ServeCommand() {}

  /**
   * Runs {@code ssechat serve} until the process is stopped: prints where it listens, then one
   * line per request. Returns an exit code (1 if it could not start).
   */
  public static int run(ServeOptions options, PrintWriter out, PrintWriter err) {
    RecordingLibrary lib;
    try {
      lib = options.dir() == null ? RecordingLibrary.bundled()
          : RecordingLibrary.directory(options.dir());
    } catch (IOException e) {
      err.println("error: cannot serve " + options.dir() + ": " + Failures.ioReason(e));
      err.flush();
      return ExitCodes.ERROR;
    }
    ServeEngine server;
    ServeLog log = new ServeLog(out);
    try {
      server = options.engine().equals("threads")
          ? new RecordingServer(lib, options.host(), options.port(), options.pacing(),
              PacingClock.SYSTEM, log)
          : new EventLoopServer(lib, options.host(), options.port(), options.pacing(),
              options.limits(), options.faults(), log);
    } catch (IOException e) {
      log.close();
      err.println("error: " + Failures.oneLine(Failures.messageOf(e))); // says which address
      err.flush();
      return ExitCodes.ERROR;
    }
    if (!loopback(options.host())) {
      err.println("warning: serving on " + options.host() + ", reachable from other machines"
          + (options.token() == null ? ", with no token (--token)" : ""));
      err.flush();
    }
    if ((options.token() != null || options.faults().any()
        || !options.limits().equals(EventLoopServer.Limits.DEFAULTS.withToken(options.token())))
        && options.engine().equals("threads")) {
      err.println("warning: --token, --faults and the limits are applied by the netty engine "
          + "only");
      err.flush();
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      log.close();
    }, "ssechat-serve-stop"));
    if (options.faults().any()) {
      out.println("injecting faults: " + options.faults());
    }
    out.println("serving " + lib.names().size() + " recordings (" + lib.description()
        + ") at " + server.baseUrl() + " (" + options.pacing() + "); Ctrl-C stops");
    out.println("try: curl -N " + server.baseUrl() + "/chat/completions -H 'Content-Type: "
        + "application/json' -d '{\"model\":\"" + lib.names().get(0)
        + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}'");
    out.flush();
    server.awaitStop();
    return ExitCodes.OK;
  }

  private static boolean loopback(String host) {
    try {
      return java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }
}
