package org.ssechat.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssechat.failure.ChatException;

/** {@code /edit}: a scripted editor stands in for the user's. */
class EditorTest {
  @TempDir
  Path dir;

  /** An "editor" script that records the file's mode and text, then writes {@code text}. */
  private Path script(String text) throws Exception {
    Path s = dir.resolve("ed.sh");
    Files.writeString(s, "#!/bin/sh\nstat -c %a \"$1\" > " + dir.resolve("mode") + "\ncat \"$1\" > "
        + dir.resolve("seen") + "\nprintf '%s' '" + text + "' > \"$1\"\n");
    s.toFile().setExecutable(true);
    return s;
  }

  @Test
  void theSavedTextIsTheMessageAndTheFileWasPrivate() throws Exception {
    Editor e = new Editor(Map.of("EDITOR", script("  Long prompt\nline two\n").toString()));
    assertThat(e.edit("draft")).contains("Long prompt\nline two");
    assertThat(Files.readString(dir.resolve("seen"))).isEqualTo("draft");
    assertThat(Files.readString(dir.resolve("mode")).strip()).isEqualTo("600");
  }

  @Test
  void anEmptyFileCancelsAndVisualWinsOverEditor() throws Exception {
    Editor e = new Editor(Map.of("VISUAL", script("   \n").toString(), "EDITOR", "/nonexistent"));
    assertThat(e.edit("")).isEmpty();
    assertThat(new Editor(Map.of()).command()).containsExactly("vi");
    assertThat(new Editor(Map.of("EDITOR", "code -w")).command()).containsExactly("code", "-w");
  }

  @Test
  void anEditorThatCannotStartOrFailsIsOneLine() throws Exception {
    assertThatThrownBy(() -> new Editor(Map.of("EDITOR", "/no/such/editor")).edit("x"))
        .isInstanceOf(ChatException.class)
        .hasMessageStartingWith("cannot start the editor '/no/such/editor'");
    assertThatThrownBy(() -> new Editor(Map.of("EDITOR", "false")).edit("x"))
        .hasMessage("the editor 'false' exited with 1; nothing sent");
    assertThat(PosixFilePermissions.toString(PosixFilePermissions.fromString("rw-------")))
        .isEqualTo("rw-------");
  }
}
