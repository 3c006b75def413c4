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
  /**
   * Widget (Ctrl-X Ctrl-E) that hands the line typed so far to {@code /edit}: the line becomes
   * {@code /edit TEXT} and is accepted, so the editor runs once the prompt has returned the
   * terminal to normal mode (JLine's own edit-and-execute writes a world-readable temporary file
   * and prefers its built-in editor).
   */
  public static final String EDIT_IN_EDITOR = "ssechat-edit-in-editor";

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
    reader.getWidgets().put(EDIT_IN_EDITOR, () -> {
      String draft = reader.getBuffer().toString();
      reader.getBuffer().clear();
      reader.getBuffer().write("/edit " + draft);
      reader.callWidget(LineReader.ACCEPT_LINE);
      return true;
    });
    Reference newline = new Reference(INSERT_NEWLINE);
    Reference edit = new Reference(EDIT_IN_EDITOR);
    for (String map : new String[] {LineReader.EMACS, LineReader.VIINS}) {
      KeyMap<org.jline.reader.Binding> keys = reader.getKeyMaps().get(map);
      keys.bind(newline, KeyMap.alt('\r'));
      keys.bind(newline, KeyMap.alt('\n'));
      keys.bind(edit, KeyMap.ctrl('X') + KeyMap.ctrl('E'));
    }
    history.attach(reader);
    return reader;
  }
}
