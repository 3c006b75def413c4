package org.ssechat.repl;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.shell.core.command.AbstractCommand;
import org.springframework.shell.core.command.Command;
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

  /** E.g. {@code /model [NAME]}. */
  public String usage() {
    return usage;
  }

  @Override
  public ExitStatus doExecute(CommandContext ctx) throws Exception {
    return body.run(ctx);
  }

  /** All positional arguments joined with single spaces ("" if none). */
  public static String rest(CommandContext ctx) {
    return ctx.parsedInput().arguments().stream().map(CommandArgument::value)
        .collect(Collectors.joining(" ")).strip();
  }

  /** The value of option {@code --longName} or {@code -shortName}, or null. */
  public static String option(CommandContext ctx, String longName, char shortName) {
    CommandOption o = ctx.getOptionByLongName(longName);
    if (o == null) {
      o = ctx.getOptionByShortName(shortName);
    }
    return o == null ? null : o.value();
  }

  /**
   * The option {@code command} declares for a given one: by {@code longName} when that is not
   * empty, else by {@code shortName}; null if it declares none.
   */
  public static CommandOption declared(Command command, String longName, char shortName) {
    boolean byLong = longName != null && !longName.isEmpty();
    return command.getOptions().stream()
        .filter(o -> byLong ? longName.equals(o.longName()) : o.shortName() == shortName)
        .findFirst().orElse(null);
  }

  /** Whether {@code option} is a flag (boolean: given alone, without a value). */
  public static boolean isFlag(CommandOption option) {
    return option.type() == boolean.class || option.type() == Boolean.class;
  }

  /** A string-valued option for {@link #SimpleCommand}. */
  public static CommandOption stringOption(String longName, char shortName, String description) {
    return CommandOption.with().longName(longName).shortName(shortName).description(description)
        .type(String.class).required(false).build();
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
