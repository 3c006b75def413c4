package org.ssechat.serve;

import java.io.IOException;
import java.io.PrintWriter;
import org.ssechat.failure.ExitCodes;
import org.ssechat.failure.Failures;
import org.ssechat.replay.PacingClock;
import org.ssechat.replay.RecordingLibrary;
import org.ssechat.text.TerminalText;

/** {@code ssechat serve} as a command: starts a {@link RecordingServer}, reports, waits. */
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
    RecordingServer server;
    try {
      server = new RecordingServer(lib, options.host(), options.port(), options.speed(),
          PacingClock.SYSTEM, line -> {
            out.println(TerminalText.oneLine(line, Integer.MAX_VALUE)); // names come from clients
            out.flush();
          });
    } catch (IOException e) {
      err.println("error: " + Failures.oneLine(Failures.messageOf(e))); // says which address
      err.flush();
      return ExitCodes.ERROR;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "ssechat-serve-stop"));
    out.println("serving " + lib.names().size() + " recordings (" + lib.description()
        + ") at " + server.baseUrl() + " (speed " + options.speed() + "); Ctrl-C stops");
    out.println("try: curl -N " + server.baseUrl() + "/chat/completions -H 'Content-Type: "
        + "application/json' -d '{\"model\":\"" + lib.names().get(0)
        + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}'");
    out.flush();
    server.awaitStop();
    return ExitCodes.OK;
  }
}
