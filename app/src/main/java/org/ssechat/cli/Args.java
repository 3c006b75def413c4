package org.ssechat.cli;

import java.util.ArrayList;
import java.util.List;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.ParsedInput;

/**
 * A parsed command line read against the options its command declares: positional words, and
 * option values by long name whether the user gave the long or the short spelling. The one way
 * commands read their options, from the REPL or from process arguments.
 *
 * @param declared the command's declared options
 * @param input    what the user gave
 */
public record Args(List<CommandOption> declared, ParsedInput input) {
  public Args {
    declared = List.copyOf(declared);
  }

  /** The arguments of the command running in {@code ctx}. */
  public static Args of(CommandContext ctx) {
    return new Args(ctx.commandRegistry().getCommandByName(ctx.parsedInput().commandName())
        .getOptions(), ctx.parsedInput());
  }

  /** Process arguments parsed with {@link Argv} against {@code declared}. */
  public static Args parse(List<CommandOption> declared, List<String> argv) {
    return new Args(declared, Argv.parse("", declared, argv));
  }

  /** The positional words, in order. */
  public List<String> positional() {
    return input.arguments().stream().map(CommandArgument::value).toList();
  }

  /** The value of the declared option {@code longName} (the last one given), or null. */
  public String value(String longName) {
    List<String> all = values(longName);
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }

  /** Every value given for the declared option {@code longName}, in order (a repeatable one). */
  public List<String> values(String longName) {
    CommandOption d = declared(declared, longName, ' ');
    if (d == null) {
      throw new IllegalStateException("option --" + longName + " is not declared");
    }
    List<String> out = new ArrayList<>();
    for (CommandOption given : input.options()) {
      boolean byLong = given.longName() != null && !given.longName().isEmpty();
      if (byLong ? longName.equals(given.longName())
          : d.shortName() != ' ' && given.shortName() == d.shortName()) {
        out.add(given.value());
      }
    }
    return out;
  }

  /** Whether the declared flag {@code longName} was given (and not as {@code =false}). */
  public boolean flag(String longName) {
    String v = value(longName);
    return v != null && !"false".equalsIgnoreCase(v);
  }

  /**
   * The option {@code options} declares for a given one: by {@code longName} when that is not
   * empty, else by {@code shortName}; null if none.
   */
  public static CommandOption declared(List<CommandOption> options, String longName,
      char shortName) {
    boolean byLong = longName != null && !longName.isEmpty();
    return options.stream()
        .filter(o -> byLong ? longName.equals(o.longName()) : o.shortName() == shortName)
        .findFirst().orElse(null);
  }

  /** Whether {@code option} is a flag (boolean: given alone, without a value). */
  public static boolean isFlag(CommandOption option) {
    return option.type() == boolean.class || option.type() == Boolean.class;
  }

  /** A string-valued option declaration. */
  public static CommandOption valued(String longName, char shortName, String description) {
    return CommandOption.with().longName(longName).shortName(shortName).description(description)
        .type(String.class).required(false).build();
  }

  /** A flag declaration (no short name). */
  public static CommandOption flag(String longName, String description) {
    return CommandOption.with().longName(longName).description(description)
        .type(boolean.class).required(false).build();
  }
}
