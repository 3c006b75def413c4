package org.ssechat.session;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.ssechat.failure.ChatException;
import org.ssechat.files.PrivateFiles;
import org.ssechat.files.Sha256;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Session files in one directory, {@code NAME.json} each (format: {@code docs/usage.md}, "Session
 * files"). Every save writes a temp file, fsyncs it, renames it over the old file atomically and
 * fsyncs the directory, so a crash leaves either the old or the new file, never a torn one.
 */
public final class SessionStore {
  /** The session file format version this code writes and the newest it reads. */
  public static final int VERSION = 2;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

  private final Path dir;
  private final String secret;
  private final AttachmentBlobs blobs;
  /**
   * Each session file's content digest as this store last wrote or read it: a modification time
   * would miss a write within the same clock tick, or one that kept the time.
   */
  private final Map<String, String> written = new ConcurrentHashMap<>();
  private final JsonMapper json = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  /**
   * @param dir    the sessions directory (created on first save)
   * @param secret a string that must never reach the disk (the API key); occurrences are written
   *               as {@code <redacted>}. May be null.
   */
  public SessionStore(Path dir, String secret) {
    this.dir = dir;
    this.secret = secret == null || secret.length() < 8 ? null : secret;
    this.blobs = new AttachmentBlobs(dir);
  }

  public Path dir() {
    return dir;
  }

  /** The on-disk form. */
  record SessionFile(String format, int version, String name, String created, String updated,
      String system, List<Turn> turns) {}

  /** Summary of a stored session for {@code /sessions}. */
  public record Info(String name, int turns, String updated) {}

  /** Writes {@code session} to {@code NAME.json} atomically; throws {@link ChatException}. */
  public Path save(Session session) {
    blobs.storeAll(session.turns());
    SessionFile file = new SessionFile("ssechat-session", VERSION, session.name(),
        session.created(), Instant.now().toString(), session.system(), session.turns());
    String text;
    try {
      text = json.writeValueAsString(file);
    } catch (JacksonException e) {
      throw new ChatException("could not encode session: " + e.getOriginalMessage(), e);
    }
    if (secret != null) {
      text = text.replace(secret, "<redacted>");
    }
    Path target = pathOf(session.name());
    try {
      String known = written.get(session.name());
      if (Files.exists(target)
          && (known == null || !Sha256.hex(Files.readAllBytes(target)).equals(known))) {
        throw new ConflictException(known == null
            ? "session " + session.name() + " already exists and is another conversation"
            : "session " + session.name() + " was changed by another ssechat since this one "
                + "loaded or saved it");
      }
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      PrivateFiles.replace(target, bytes);
      syncDirectory();
      written.put(session.name(), Sha256.hex(bytes));
      return target;
    } catch (IOException e) {
      throw new ChatException("could not save session to " + target + ": " + e.getMessage(), e);
    }
  }

  /**
   * Another process (a second REPL on the same session) wrote the session file after this store
   * last read or wrote it: saving now would silently drop that process's turns.
   */
  public static final class ConflictException extends ChatException {
    ConflictException(String message) {
      super(message);
    }
  }

  /** Reads {@code NAME.json}; throws {@link ChatException} with a one-line reason. */
  public Session load(String name) {
    Path path = pathOf(name);
    SessionFile file;
    try {
      byte[] bytes = Files.readAllBytes(path);
      written.put(name, Sha256.hex(bytes));
      file = json.readValue(bytes, SessionFile.class);
    } catch (NoSuchFileException e) {
      throw new ChatException("no session named '" + name + "' in " + dir);
    } catch (IOException e) {
      throw new ChatException("could not read " + path + ": " + e.getMessage(), e);
    } catch (JacksonException e) {
      throw new ChatException("session file " + path + " is not valid: " + e.getOriginalMessage(), e);
    }
    if (file == null || file.version() < 1 || file.version() > VERSION) {
      throw new ChatException("session file " + path + " has unsupported version "
          + (file == null ? "?" : file.version()) + " (this ssechat reads version " + VERSION + ")");
    }
    return new Session(name, file.created() == null ? Instant.now().toString() : file.created(),
        file.system(), file.turns() == null ? List.of() : blobs.restore(file.turns()));
  }

  /** Whether a session file {@code NAME.json} exists. */
  public boolean exists(String name) {
    return Files.exists(pathOf(name));
  }

  /** Stored sessions, most recently updated first. */
  public List<Info> list() {
    List<Info> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
      for (Path p : files) {
        String n = p.getFileName().toString();
        n = n.substring(0, n.length() - ".json".length());
        try {
          SessionFile f = json.readValue(Files.readAllBytes(p), SessionFile.class);
          out.add(new Info(n, f.turns() == null ? 0 : f.turns().size(), f.updated()));
        } catch (IOException | JacksonException e) {
          out.add(new Info(n, -1, "unreadable"));
        }
      }
    } catch (IOException e) {
      throw new ChatException("could not list " + dir + ": " + e.getMessage(), e);
    }
    out.sort(Comparator.comparing((Info i) -> i.updated() == null ? "" : i.updated()).reversed());
    return out;
  }

  /** Validates a session name: letters, digits, {@code . _ -}, not starting with a dot. */
  public static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new ChatException("invalid session name '" + name
          + "': use letters, digits, '.', '_' or '-' (at most 100)");
    }
    return name;
  }

  private Path pathOf(String name) {
    return dir.resolve(checkName(name) + ".json");
  }

  private void syncDirectory() {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // not supported on every OS/file system; the rename itself is still atomic
    }
  }
}
