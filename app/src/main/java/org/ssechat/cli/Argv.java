package org.ssechat.cli;

import java.util.List;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.ParsedInput;

/**
 * Parses process arguments (after the command word) into a {@link ParsedInput}, using the
 * command's declared options to tell flags from valued options. The words are taken as the shell
 * split them (never re-joined), so quoting is kept: {@code --name value}, {@code --name=value},
 * {@code -n value}, flags without a value, {@code --} ends options; every other word is a
 * positional argument.
 */
public final class Argv {
  private Argv() {}

  /**
   * @param options the options the command declares
   * @throws IllegalArgumentException for an unknown option or one that lacks its value
   */
  public static ParsedInput parse(String commandName, List<CommandOption> options,
      List<String> args) {
    ParsedInput.Builder b = ParsedInput.builder().commandName(commandName);
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
      CommandOption declared = Args.declared(options, isLong ? key : null, key.charAt(0));
      boolean help = key.equals("help") || key.equals("h");
      if (declared == null && !help) {
        throw new IllegalArgumentException("unknown option " + flag);
      }
      String value;
      if (eq >= 0) {
        value = a.substring(eq + 1);
      } else if (help || Args.isFlag(declared)) {
        value = "true";
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new IllegalArgumentException(flag + " needs a value");
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
