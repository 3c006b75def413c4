package org.ssechat.repl;

import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.springframework.shell.core.InputReader;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandExecutionException;
import org.springframework.shell.core.command.CommandExecutor;
import org.springframework.shell.core.command.CommandNotFoundException;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.ParsedInput;
import org.springframework.shell.jline.JLineInputReader;
import org.ssechat.failure.Failures;

/**
 * The read-eval loop: reads a line (multi-line aware), routes it through the {@link CommandParser}
 * to a command or the {@code chat} command, and prints every failure as one line. Ctrl-C at the
 * prompt clears the line; Ctrl-D or {@code /exit} ends the loop.
 */
public final class ChatRepl {
  private static final AttributedStyle ERROR = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);

  private final LineReader reader;
  private final CommandParser parser;
  private final CommandRegistry registry;
  private final ReplCommands commands;
  private final boolean ansi;
  private final CommandExecutor executor;
  private final InputReader input;

  public ChatRepl(LineReader reader, CommandParser parser, CommandRegistry registry,
      ReplCommands commands, boolean ansi) {
    this.reader = reader;
    this.parser = parser;
    this.registry = registry;
    this.commands = commands;
    this.ansi = ansi;
    this.executor = new CommandExecutor(registry);
    this.input = new JLineInputReader(reader);
  }

  /** The prompt shown for each new message. */
  public static final String PROMPT = "> ";

  /** Prints {@code banner}, then reads and runs lines until {@code /exit} or end of input. */
  public void run(String banner) {
    PrintWriter out = reader.getTerminal().writer();
    commands.resetExit();
    out.println(banner);
    out.flush();
    while (!commands.exitRequested()) {
      String line;
      try {
        line = reader.readLine(PROMPT);
      } catch (UserInterruptException e) {
        continue; // Ctrl-C at the prompt: the line is dropped, the shell stays
      } catch (EndOfFileException e) {
        break;
      }
      if (!line.isBlank()) {
        execute(line, out);
      }
    }
    out.flush();
  }

  /** Runs one input line; never throws. */
  public void execute(String line, PrintWriter out) {
    try {
      ParsedInput in;
      try {
        in = parser.parse(line);
      } catch (IllegalArgumentException e) {
        error(out, e.getMessage() + " (see /help)");
        return;
      }
      if (registry.getCommandByName(in.commandName()) == null) {
        error(out, unknown(in.commandName()));
        return;
      }
      // Ctrl-C during a command (say a slow /models) interrupts it instead of killing the JVM;
      // the chat command installs its own handler that closes the connection.
      Thread worker = Thread.currentThread();
      Terminal terminal = reader.getTerminal();
      Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> worker.interrupt());
      try {
        executor.execute(new CommandContext(in, registry, out, input));
      } finally {
        terminal.handle(Terminal.Signal.INT, previous);
        Thread.interrupted();
      }
    } catch (CommandNotFoundException e) {
      error(out, unknown(e.getCommandName()));
    } catch (CommandExecutionException e) {
      error(out, Failures.oneLine(e.getCause() == null ? e : e.getCause()));
    } catch (RuntimeException e) {
      error(out, Failures.oneLine(e));
    } finally {
      out.flush();
    }
  }

  private String unknown(String name) {
    List<Command> similar = registry.getCommandsByPrefix(name);
    String hint = similar.isEmpty() ? ""
        : " (did you mean " + similar.stream().map(c -> "/" + c.getName()).sorted()
            .collect(Collectors.joining(", ")) + "?)";
    return "unknown command /" + name + hint + "; /help lists commands, // starts a message with /";
  }

  private void error(PrintWriter out, String message) {
    out.println(ansi ? new AttributedString(message, ERROR).toAnsi() : message);
  }
}
