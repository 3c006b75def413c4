package org.ssechat.repl;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.jline.CommandCompleter;

/**
 * Tab completion for {@code /commands}: the command name after {@code /}, then whatever Spring
 * Shell's {@link CommandCompleter} offers for the rest (options, the command's
 * {@code CompletionProvider}). Messages (lines without {@code /}) complete nothing.
 */
public final class SlashCompleter extends CommandCompleter {
  private final CommandRegistry registry;

  public SlashCompleter(CommandRegistry registry) {
    super(registry);
    this.registry = registry;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    String text = line.line();
    if (!text.startsWith("/")) {
      return;
    }
    if (line.wordIndex() == 0) {
      for (Command c : registry.getCommands()) {
        if (!c.isHidden()) {
          candidates.add(new Candidate("/" + c.getName(), "/" + c.getName(), c.getGroup(),
              c.getDescription(), null, null, true));
        }
      }
      return;
    }
    super.complete(reader, new WithoutSlash(line), candidates);
  }

  /**
   * The same line as seen without its leading {@code /}, and with the word being completed
   * blanked: Spring Shell's completer looks the command up from all words, so a half-typed
   * argument would hide it. JLine filters the candidates by the typed prefix anyway.
   */
  private record WithoutSlash(ParsedLine original) implements ParsedLine {
    @Override
    public String word() {
      return "";
    }

    @Override
    public int wordCursor() {
      return 0;
    }

    @Override
    public int wordIndex() {
      return original.wordIndex();
    }

    @Override
    public List<String> words() {
      List<String> w = new java.util.ArrayList<>(original.words());
      w.set(0, w.get(0).substring(1));
      w.set(original.wordIndex(), "");
      return w;
    }

    @Override
    public String line() {
      return original.line().substring(1);
    }

    @Override
    public int cursor() {
      return original.cursor() - 1;
    }
  }
}
