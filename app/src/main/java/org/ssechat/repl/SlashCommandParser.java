package org.ssechat.repl;

import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.command.DefaultCommandParser;
import org.springframework.shell.core.command.ParsedInput;
import org.ssechat.cli.SimpleCommand;

/**
 * Routes REPL input: {@code /name args} is the Spring Shell command {@code name} (parsed by
 * {@link DefaultCommandParser}); every other line is a message, sent to the {@code chat} command
 * as one argument, untouched. {@code //text} sends the message {@code /text}; a {@code """}
 * block is unwrapped. Commands that are {@link SimpleCommand.Raw} get the rest of the line as one
 * argument, unparsed.
 */
public final class SlashCommandParser implements CommandParser {
  /** The command that receives plain messages. */
  public static final String CHAT = "chat";

  private final CommandRegistry registry;
  private final DefaultCommandParser commands;

  public SlashCommandParser(CommandRegistry registry) {
    this.registry = registry;
    this.commands = new DefaultCommandParser(registry);
  }

  @Override
  public ParsedInput parse(String input) {
    String line = input.strip();
    if (isCommand(line)) {
      String body = line.substring(1).strip();
      int space = indexOfWhitespace(body);
      String name = space < 0 ? body : body.substring(0, space);
      String rest = space < 0 ? "" : body.substring(space + 1).strip();
      if (registry.getCommandByName(name) instanceof SimpleCommand.Raw
          && !rest.equals("--help") && !rest.equals("-h")) {
        ParsedInput.Builder raw = ParsedInput.builder().commandName(name);
        return rest.isEmpty() ? raw.build() : raw.addArgument(new CommandArgument(0, rest)).build();
      }
      return commands.parse(body);
    }
    String message = line.startsWith("//") ? line.substring(1) : ChatLineParser.unfence(input);
    return message(message);
  }

  /** Whether {@code line} (stripped) is a slash command rather than a message. */
  public static boolean isCommand(String line) {
    return line.length() > 1 && line.charAt(0) == '/' && line.charAt(1) != '/'
        && !Character.isWhitespace(line.charAt(1));
  }

  private static int indexOfWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** A parsed {@code chat} invocation carrying {@code text} as its only argument. */
  public static ParsedInput message(String text) {
    // Spring Shell 4.0.3 changes the CommandArgument record; this is the one place to adapt.
    return ParsedInput.builder().commandName(CHAT).addArgument(new CommandArgument(0, text)).build();
  }
}
