package org.ssechat.app;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.ExitStatus;
import org.ssechat.bench.QuickBench;
import org.ssechat.client.Cancellation;
import org.ssechat.failure.ChatException;
import org.ssechat.failure.UsageException;
import org.ssechat.repl.AnswerRenderer;
import org.ssechat.repl.Interrupts;
import org.ssechat.repl.SimpleCommand;
import org.ssechat.replay.PacingClock;
import org.ssechat.replay.ReplayOptions;
import org.ssechat.replay.Replayer;
import org.ssechat.serve.RecordingServer;
import org.ssechat.serve.ServeOptions;
import org.ssechat.sse.SseParsers;

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

  ToolCommands(boolean interactive, boolean ansi, Interrupts interrupts, PrintWriter stderr) {
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
          ReplayOptions options = parse(() -> ReplayOptions.parse(words(ctx)));
          Cancellation cancel = new Cancellation();
          try (Interrupts.Registration ignored = interrupts.onInterrupt(cancel::cancel)) {
            int code = new Replayer(PacingClock.SYSTEM, out -> {
              AnswerRenderer r = new AnswerRenderer(out, new AnswerRenderer.Options(ansi, true));
              return new Replayer.TextView(r, r::finish);
            }).run(options, ctx.outputWriter(), err(ctx), cancel);
            return status(code);
          }
        },
        SimpleCommand.stringOption("speed", 's', "1|2|10|max (default 1: recorded pacing)"),
        SimpleCommand.stringOption("chunk-size", 'c', "cut the body into reads of N bytes"),
        flag("original-reads", "replay the recorded read boundaries (the default with a sidecar)"),
        SimpleCommand.stringOption("parser", 'p', "SSE parser: " + String.join(", ",
            SseParsers.names())),
        SimpleCommand.stringOption("format", 'f', "text|events|summary (default text)"));
  }

  Command serve() {
    return new SimpleCommand("serve", TOOLS, ServeOptions.USAGE,
        "Serve recordings as an OpenAI-compatible endpoint on loopback (until Ctrl-C)",
        ctx -> {
          if (interactive) {
            throw new ChatException("serve runs in the foreground until Ctrl-C: start it as "
                + "'ssechat serve' in another terminal");
          }
          ServeOptions options = parse(() -> ServeOptions.parse(words(ctx)));
          return status(RecordingServer.run(options, ctx.outputWriter(), err(ctx)));
        },
        SimpleCommand.stringOption("port", 'p', "port (default 8080; 0 picks a free one)"),
        SimpleCommand.stringOption("dir", 'd', "directory of NAME.sse recordings (default: bundled)"),
        SimpleCommand.stringOption("speed", 's', "1|2|10|max (default 1)"),
        SimpleCommand.stringOption("host", 'H', "address to bind (default 127.0.0.1)"));
  }

  Command bench() {
    return new SimpleCommand("bench", TOOLS,
        "bench FILE... [--parsers a,b] [--chunk-size N]",
        "Quick in-process parser comparison on your recordings (not JMH)",
        ctx -> {
          List<Path> files = new ArrayList<>();
          ctx.parsedInput().arguments().forEach(a -> files.add(Path.of(a.value())));
          if (files.isEmpty()) {
            throw new UsageException(
                "usage: bench FILE... [--parsers a,b] [--chunk-size N]");
          }
          String parsers = SimpleCommand.option(ctx, "parsers", 'p');
          String chunk = SimpleCommand.option(ctx, "chunk-size", 'c');
          int chunkSize = chunk == null ? 8192 : parse(() -> Integer.parseInt(chunk));
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
        SimpleCommand.stringOption("parsers", 'p', "comma-separated parser names (default: all)"),
        SimpleCommand.stringOption("chunk-size", 'c', "bytes per read (default 8192; 0 = whole)"));
  }

  /** Positional words and given options back as words, for the tools' own option parsers. */
  private static List<String> words(CommandContext ctx) {
    List<String> words = new ArrayList<>();
    ctx.parsedInput().arguments().forEach(a -> words.add(a.value()));
    Command command = ctx.commandRegistry().getCommandByName(ctx.parsedInput().commandName());
    for (CommandOption given : ctx.parsedInput().options()) {
      CommandOption o = SimpleCommand.declared(command, given.longName(), given.shortName());
      if (o == null || "help".equals(o.longName())) {
        continue;
      }
      if (!SimpleCommand.isFlag(o)) {
        words.add("--" + o.longName());
        words.add(given.value());
      } else if (!"false".equalsIgnoreCase(given.value())) {
        words.add("--" + o.longName());
      }
    }
    return words;
  }

  private PrintWriter err(CommandContext ctx) {
    return interactive ? ctx.outputWriter() : stderr;
  }

  private static ExitStatus status(int code) {
    return code == 0 ? ExitStatus.OK
        : code == 2 ? ExitStatus.USAGE_ERROR : new ExitStatus(code, "");
  }

  private static <T> T parse(java.util.function.Supplier<T> parser) {
    try {
      return parser.get();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static CommandOption flag(String longName, String description) {
    return CommandOption.with().longName(longName).description(description)
        .type(boolean.class).required(false).build();
  }
}
