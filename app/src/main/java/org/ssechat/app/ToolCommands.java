package org.ssechat.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.ExitStatus;
import org.ssechat.bench.QuickBench;
import org.ssechat.cli.Args;
import org.ssechat.cli.SimpleCommand;
import org.ssechat.client.Cancellation;
import org.ssechat.failure.ChatException;
import org.ssechat.failure.ExitCodes;
import org.ssechat.failure.UsageException;
import org.ssechat.repl.AnswerRenderer;
import org.ssechat.render.Rendering;
import org.ssechat.repl.Interrupts;
import org.ssechat.replay.PacingClock;
import org.ssechat.replay.ReplayOptions;
import org.ssechat.replay.Replayer;
import org.ssechat.serve.ServeCommand;
import org.ssechat.serve.ServeOptions;

/**
 * The recording tools as commands: {@code replay} (also {@code /replay} in the REPL),
 * {@code serve} (one-shot only: it runs until Ctrl-C) and {@code bench}. Each parses its own
 * options with the tool's parser, so the REPL and the command line accept the same words.
 */
final class ToolCommands {
  private static final String TOOLS = "Tools";

  private final boolean interactive;
  private final boolean ansi;
  private final Interrupts interrupts;
  private final PrintWriter stderr;
  private final Rendering rendering;

  ToolCommands(boolean interactive, boolean ansi, Interrupts interrupts, PrintWriter stderr,
      Rendering rendering) {
    this.rendering = rendering;
    this.interactive = interactive;
    this.ansi = ansi;
    this.interrupts = interrupts;
    this.stderr = stderr;
  }

  List<Command> all() {
    return List.of(replay(), serve(), bench());
  }

  Command replay() {
    return new SimpleCommand("replay", TOOLS, ReplayOptions.USAGE,
        "Play a recorded SSE body through the parser and renderer (text, events or summary)",
        ctx -> {
          ReplayOptions options = parse(() -> ReplayOptions.from(Args.of(ctx)));
          Cancellation cancel = new Cancellation();
          try (Interrupts.Registration ignored = interrupts.onInterrupt(cancel::cancel)) {
            int code = new Replayer(PacingClock.SYSTEM, out -> {
              AnswerRenderer r = new AnswerRenderer(out,
                  new AnswerRenderer.Options(ansi, true, options.raw(),
                      rendering.lookIfMarkdown()));
              return new Replayer.TextView(r, r::finish);
            }).run(options, ctx.outputWriter(), err(ctx), cancel);
            return ExitCodes.status(code);
          }
        }, ReplayOptions.OPTIONS);
  }

  Command serve() {
    return new SimpleCommand("serve", TOOLS, ServeOptions.USAGE,
        "Serve recordings as an OpenAI-compatible endpoint on loopback (until Ctrl-C)",
        ctx -> {
          if (interactive) {
            throw new ChatException("serve runs in the foreground until Ctrl-C: start it as "
                + "'ssechat serve' in another terminal");
          }
          ServeOptions options = parse(() -> ServeOptions.from(Args.of(ctx)));
          return ExitCodes.status(ServeCommand.run(options, ctx.outputWriter(), err(ctx)));
        }, ServeOptions.OPTIONS);
  }

  Command bench() {
    return new SimpleCommand("bench", TOOLS,
        "bench FILE... [--parsers a,b] [--chunk-size N]",
        "Quick in-process parser comparison on your recordings (not JMH)",
        ctx -> {
          Args args = Args.of(ctx);
          List<Path> files = args.positional().stream().map(Path::of).toList();
          if (files.isEmpty()) {
            throw new UsageException(
                "usage: bench FILE... [--parsers a,b] [--chunk-size N]");
          }
          String parsers = args.value("parsers");
          String chunk = args.value("chunk-size");
          int chunkSize = chunk == null ? QuickBench.DEFAULT_CHUNK_SIZE : parse(() -> Integer.parseInt(chunk));
          List<String> names = parsers == null || parsers.isBlank() ? List.of()
              : List.of(parsers.split("\\s*,\\s*"));
          try {
            QuickBench.run(files, names, chunkSize, ctx.outputWriter());
          } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
          } catch (java.io.IOException e) {
            throw new ChatException("cannot read " + e.getMessage());
          }
          return ExitStatus.OK;
        },
        Args.valued("parsers", 'p', "comma-separated parser names (default: all)"),
        Args.valued("chunk-size", 'c', "bytes per read (default " + QuickBench.DEFAULT_CHUNK_SIZE
            + "; 0 = whole)"));
  }

  private PrintWriter err(CommandContext ctx) {
    return interactive ? ctx.outputWriter() : stderr;
  }

  private static <T> T parse(java.util.function.Supplier<T> parser) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }
}
