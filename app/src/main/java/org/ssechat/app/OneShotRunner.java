package org.ssechat.app;

import java.io.PrintWriter;
import java.util.List;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.shell.core.InputReader;
import org.springframework.shell.core.ShellRunner;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandExecutionException;
import org.springframework.shell.core.command.CommandExecutor;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.shell.core.command.ParsedInput;
import org.ssechat.cli.Argv;
import org.ssechat.failure.ExitCodes;
import org.ssechat.failure.Failures;

/**
 * Runs one command from the process arguments ({@code ssechat chat "question"}) and exits with
 * its code. Any command in the {@link CommandRegistry} can run this way, so a new one-shot command
 * is just a Spring Shell {@code Command} bean (see {@code docs/usage.md}, "Adding a command").
 *
 * <p>The arguments are parsed from argv directly by {@link Argv} (not re-joined into a line), so
 * the shell's quoting is kept.
 */
final class OneShotRunner implements ShellRunner, ExitCodeGenerator {
  private final CommandRegistry registry;
  private final List<String> words;
  private final PrintWriter out;
  private final PrintWriter err;
  private volatile int exitCode;

  OneShotRunner(CommandRegistry registry, List<String> words, PrintWriter out, PrintWriter err) {
    this.registry = registry;
    this.words = words;
    this.out = out;
    this.err = err;
  }

  @Override
  public void run(String[] ignored) {
    exitCode = execute();
    out.flush();
    err.flush();
  }

  @Override
  public int getExitCode() {
    return exitCode;
  }

  private int execute() {
    if (words.isEmpty()) {
      err.println(LaunchArgs.usage());
      return ExitCodes.USAGE;
    }
    String name = words.get(0);
    Command command = registry.getCommandByName(name);
    if (command == null) {
      err.println("ssechat: unknown command '" + name + "' (see ssechat --help)");
      return ExitCodes.USAGE;
    }
    ParsedInput parsed;
    try {
      parsed = Argv.parse(name, command.getOptions(), words.subList(1, words.size()));
    } catch (IllegalArgumentException e) {
      err.println("ssechat " + name + ": " + e.getMessage());
      return ExitCodes.USAGE;
    }
    try {
      ExitStatus status = new CommandExecutor(registry)
          .execute(new CommandContext(parsed, registry, out, new InputReader() {}));
      return ExitCodes.toProcess(status);
    } catch (CommandExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      err.println("ssechat " + name + ": " + Failures.oneLine(cause));
      return cause instanceof ExitCodeGenerator g ? g.getExitCode() : ExitCodes.ERROR;
    } catch (RuntimeException e) {
      err.println("ssechat " + name + ": " + Failures.oneLine(e));
      return ExitCodes.ERROR;
    }
  }
}
