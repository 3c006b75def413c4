package org.ssechat.repl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ssechat.failure.ChatException;
import org.ssechat.failure.Failures;

/**
 * Writes a message in the user's editor: {@code $VISUAL}, else {@code $EDITOR}, else {@code vi},
 * on a private temporary file (0600 on POSIX, deleted afterwards) that holds the text so far.
 */
final class Editor {
  /** Used when neither {@code VISUAL} nor {@code EDITOR} is set. */
  static final String FALLBACK = "vi";
  private final Map<String, String> env;

  /** @param env the environment to read {@code VISUAL}/{@code EDITOR} from */
  Editor(Map<String, String> env) {
    this.env = env;
  }

  /** The editor command line, split on spaces ({@code code -w} works). */
  List<String> command() {
    String e = env.get("VISUAL");
    if (e == null || e.isBlank()) {
      e = env.get("EDITOR");
    }
    if (e == null || e.isBlank()) {
      e = FALLBACK;
    }
    return new ArrayList<>(List.of(e.strip().split("\\s+")));
  }

  /**
   * Opens the editor on {@code initial} and waits for it.
   *
   * @return the saved text, stripped; empty if the file was left empty (the user cancelled)
   * @throws ChatException if the editor cannot be started or fails
   */
  Optional<String> edit(String initial) {
    Path file = null;
    try {
      file = Files.createTempFile("ssechat-message-", ".md", privateFile());
      Files.writeString(file, initial, StandardCharsets.UTF_8);
      List<String> cmd = command();
      cmd.add(file.toString());
      int code;
      try {
        code = new ProcessBuilder(cmd).inheritIO().start().waitFor();
      } catch (IOException e) {
        throw new ChatException("cannot start the editor '" + cmd.get(0) + "': "
            + Failures.messageOf(e) + " (set VISUAL or EDITOR)");
      }
      if (code != 0) {
        throw new ChatException("the editor '" + cmd.get(0) + "' exited with " + code
            + "; nothing sent");
      }
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? Optional.empty() : Optional.of(text);
    } catch (IOException e) {
      throw new ChatException("cannot edit the message: " + Failures.ioReason(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException ignored) {
          // a temporary file; the system cleans its temp directory
        }
      }
    }
  }

  private static FileAttribute<?>[] privateFile() {
    boolean posix = Path.of(System.getProperty("java.io.tmpdir")).getFileSystem()
        .supportedFileAttributeViews().contains("posix");
    return posix ? new FileAttribute<?>[] {
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
        : new FileAttribute<?>[0];
  }
}
