package org.ssechat.cli;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.shell.core.command.AbstractCommand;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.ExitStatus;

/** A Spring Shell command whose body is a lambda; help text is its usage line plus description. */
public class SimpleCommand extends AbstractCommand {

  /** The command's work. */
  @FunctionalInterface
  public interface Body {
    ExitStatus run(CommandContext ctx) throws Exception;
  }

  private final Body body;
  private final String usage;

  public SimpleCommand(String name, String group, String usage, String description, Body body,
      CommandOption... options) {
    super(name, description, group, usage + "\n  " + description, false);
    this.usage = usage;
    this.body = body;
    setOptions(List.of(options));
  }

  /** A command with the options it declares (declared once, e.g. an options record's list). */
  public SimpleCommand(String name, String group, String usage, String description, Body body,
      List<CommandOption> options) {
    this(name, group, usage, description, body, options.toArray(CommandOption[]::new));
  }

  /** E.g. {@code /model [NAME]}. */
  public String usage() {
    return usage;
  }

  @Override
  public ExitStatus doExecute(CommandContext ctx) throws Exception {
    return body.run(ctx);
  }

  /** All positional arguments joined with single spaces ("" if none): a free-text argument. */
  public static String rest(CommandContext ctx) {
    return ctx.parsedInput().arguments().stream().map(CommandArgument::value)
        .collect(Collectors.joining(" ")).strip();
  }

  /**
   * Marks a command whose text after the name is one raw argument (no option parsing), like
   * {@code /system You are -terse}. Only {@code --help}/{@code -h} alone still shows help.
   */
  public static class Raw extends SimpleCommand {
    public Raw(String name, String group, String usage, String description, Body body) {
      super(name, group, usage, description, body);
    }
  }
}
