package org.ssechat.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jline.reader.LineReader;
import org.jline.reader.impl.completer.NullCompleter;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;

/** The REPL's key bindings, over a terminal fed with keystrokes. */
class ReplReadersTest {

  private static String readLine(String keys) throws Exception {
    DumbTerminal t = new DumbTerminal("test", "ansi",
        new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)),
        new ByteArrayOutputStream(), StandardCharsets.UTF_8);
    LineReader reader = ReplReaders.create(t, NullCompleter.INSTANCE, new DefaultHistory(), null);
    return reader.readLine("> ");
  }

  @Test
  void ctrlXCtrlEHandsTheLineToEdit() throws Exception {
    assertThat(readLine("a long draft\u0018\u0005")).isEqualTo("/edit a long draft");
    assertThat(readLine("\u0018\u0005")).isEqualTo("/edit ");
  }

  @Test
  void altEnterStillInsertsANewline() throws Exception {
    assertThat(readLine("top\u001b\rbottom\r")).isEqualTo("top\nbottom");
  }
}
