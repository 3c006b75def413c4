package org.ssechat.repl;

import java.nio.file.Path;
import org.jline.keymap.KeyMap;
import org.jline.reader.Completer;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Reference;
import org.jline.terminal.Terminal;

/** Builds the REPL's {@link LineReader}: parser, completion, history, multi-line keys. */
public final class ReplReaders {
  /** Widget that inserts a newline into the buffer instead of accepting the line. */
  public static final String INSERT_NEWLINE = "ssechat-insert-newline";

  private ReplReaders() {}

  /**
   * @param historyFile where history is kept, or null for none (tests)
   */
  public static LineReader create(Terminal terminal, Completer completer, History history,
      Path historyFile) {
    LineReaderBuilder b = LineReaderBuilder.builder()
        .terminal(terminal)
        .appName("ssechat")
        .parser(new ChatLineParser())
        .completer(completer)
        .history(history)
        .variable(LineReader.SECONDARY_PROMPT_PATTERN, "... ")
        .variable(LineReader.HISTORY_SIZE, 2000)
        .option(LineReader.Option.BRACKETED_PASTE, true)
        .option(LineReader.Option.INSERT_TAB, false)
        .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
        .option(LineReader.Option.HISTORY_IGNORE_DUPS, true);
    if (historyFile != null) {
      b.variable(LineReader.HISTORY_FILE, historyFile);
    }
    LineReader reader = b.build();
    reader.getWidgets().put(INSERT_NEWLINE, () -> {
      reader.getBuffer().write('\n');
      return true;
    });
    Reference newline = new Reference(INSERT_NEWLINE);
    for (String map : new String[] {LineReader.EMACS, LineReader.VIINS}) {
      KeyMap<org.jline.reader.Binding> keys = reader.getKeyMaps().get(map);
      keys.bind(newline, KeyMap.alt('\r'));
      keys.bind(newline, KeyMap.alt('\n'));
    }
    history.attach(reader);
    return reader;
  }
}
