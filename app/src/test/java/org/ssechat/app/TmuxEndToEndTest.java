package org.ssechat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssechat.testing.TmuxSession;

/** The REPL in a real terminal (tmux), typed at as a user would. */
class TmuxEndToEndTest {
  @TempDir
  Path home;

  /** The relay docs' example question, offline, answered by its own recording. */
  @Test
  void theDocsExampleQuestionGetsItsAnswerOffline() throws Exception {
    try (TmuxSession t = TmuxSession.start(home, Map.of(), 100, 40)) {
      assertThat(t.await("session", 60)).contains("provider offline");
      t.type("周树人和鲁迅是兄弟吗？", true);
      String screen = t.await("finished", 30);
      assertThat(screen).contains("周作人").contains("finished").doesNotContain("London");
      t.type("What is the capital of Narnia?", true);
      assertThat(t.await("No recorded answer for this prompt", 30)).contains("Narnia");
      t.type("/exit", true);
    }
  }

  @Test
  void ctrlXCtrlEWritesTheMessageInTheEditor() throws Exception {
    Path editor = home.resolve("ed.sh");
    java.nio.file.Files.writeString(editor,
        "#!/bin/sh\nprintf '%s, from the editor\\n' \"$(cat \"$1\")\" > \"$1\"\n");
    editor.toFile().setExecutable(true);
    try (TmuxSession t = TmuxSession.start(home, Map.of("EDITOR", editor.toString()), 100, 30)) {
      assertThat(t.await("session", 60)).contains("provider offline");
      t.type("draft", false);
      t.type("\u0018\u0005", false); // Ctrl-X Ctrl-E
      String screen = t.await("finished", 30);
      assertThat(screen).contains("/edit draft");
      t.type("/history", true);
      assertThat(t.await("from the editor", 10)).contains("you: draft, from the editor");
      t.type("/exit", true);
    }
  }
}
