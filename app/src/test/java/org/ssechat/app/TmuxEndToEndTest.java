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

  /** A Markdown answer streamed into a real terminal: a table and a code block, drawn once. */
  @Test
  void aStreamedMarkdownAnswerIsDrawnOnceWithItsTableAndCode() throws Exception {
    try (TmuxSession t = TmuxSession.start(home, Map.of(), 90, 50)) {
      assertThat(t.await("session", 60)).contains("provider offline");
      t.type("Compare the HTTP methods GET, POST, PUT, PATCH and DELETE in a table.", true);
      String screen = t.await("finished", 30);
      assertThat(screen).contains("Method │ Typical use").contains("───────┼─")
          .contains("GET    │ read a resource").doesNotContain("|---").doesNotContain("**");
      assertThat(screen.split("GET    │ read a resource", -1)).hasSize(2); // drawn once
      t.type("/render plain", true);
      t.type("How do I reverse a string in Java?", true);
      String plain = t.await("```java", 30);
      assertThat(plain).contains("answers: plain");
      t.type("/render markdown", true);
      t.type("How do I reverse a string in Java?", true);
      assertThat(t.await("── java ──", 30)).contains("new StringBuilder(s).reverse()");
      t.type("/exit", true);
    }
  }
}
