package org.ssechat.app;

import java.io.PrintWriter;
import java.util.List;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.shell.core.InputReader;
import org.springframework.shell.core.ShellRunner;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandExecutionException;
import org.springframework.shell.core.command.CommandExecutor;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.shell.core.command.ParsedInput;
import org.ssechat.failure.ExitCodes;
import org.ssechat.failure.Failures;
import org.ssechat.failure.UsageException;
import org.ssechat.repl.SimpleCommand;

/**
 * Runs one command from the process arguments ({@code ssechat chat "question"}) and exits with
 * its code. Any command in the {@link CommandRegistry} can run this way, so a new one-shot command
 * is just a Spring Shell {@code Command} bean (see {@code docs/usage.md}, "Adding a command").
 *
 * <p>The arguments are parsed from argv directly (not re-joined into a line), so quoting by the
 * shell is kept: {@code --name value}, {@code --name=value}, {@code -n value}, boolean options
 * without a value, {@code --} ends options; every other word is a positional argument.
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
      parsed = parse(command, words.subList(1, words.size()));
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
      return cause instanceof UsageException ? ExitCodes.USAGE : ExitCodes.ERROR;
    } catch (RuntimeException e) {
      err.println("ssechat " + name + ": " + Failures.oneLine(e));
      return ExitCodes.ERROR;
    }
  }

  /** Builds the parsed input from argv words, using the command's options to spot booleans. */
  static ParsedInput parse(Command command, List<String> args) {
    ParsedInput.Builder b = ParsedInput.builder().commandName(command.getName());
    int index = 0;
    boolean optionsEnded = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (optionsEnded || !a.startsWith("-") || a.equals("-")) {
        b.addArgument(new CommandArgument(index++, a));
        continue;
      }
      if (a.equals("--")) {
        optionsEnded = true;
        continue;
      }
      int eq = a.indexOf('=');
      String flag = eq < 0 ? a : a.substring(0, eq);
      boolean isLong = flag.startsWith("--");
      String key = isLong ? flag.substring(2) : flag.substring(1);
      if (key.isEmpty() || !isLong && key.length() != 1) {
        throw new IllegalArgumentException("bad option " + a);
      }
      CommandOption declared = SimpleCommand.declared(command, isLong ? key : null, key.charAt(0));
      boolean help = key.equals("help") || key.equals("h");
      if (declared == null && !help) {
        throw new IllegalArgumentException("unknown option " + flag);
      }
      String value;
      if (eq >= 0) {
        value = a.substring(eq + 1);
      } else if (help || SimpleCommand.isFlag(declared)) {
        value = "true";
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new IllegalArgumentException("option " + flag + " needs a value");
      }
      CommandOption.Builder o = CommandOption.with().value(value);
      if (isLong) {
        o.longName(key);
      } else {
        o.shortName(key.charAt(0)).longName("");
      }
      b.addOption(o.build());
    }
    return b.build();
  }
}
