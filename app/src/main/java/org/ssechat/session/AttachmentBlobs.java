package org.ssechat.session;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.ssechat.client.Attachment;
import org.ssechat.failure.ChatException;
import org.ssechat.failure.Failures;
import org.ssechat.files.PrivateFiles;

/**
 * The content of attached files, kept beside the session files by SHA-256
 * ({@code sessions/attachments/<sha256>}), so a session file holds only each attachment's name,
 * type, size and hash, and a file attached in several turns or sessions is stored once. Each blob
 * is written to a private temporary file (0600 on POSIX) and moved into place atomically; a blob
 * never changes once written (its name is its content's hash).
 */
final class AttachmentBlobs {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private final Path dir;

  AttachmentBlobs(Path sessionsDir) {
    this.dir = sessionsDir.resolve("attachments");
  }

  /** Stores the content of every attachment of {@code turns} that is not stored yet. */
  void storeAll(List<Turn> turns) {
    for (Turn t : turns) {
      for (Attachment a : t.attachments()) {
        if (a.bytes() != null) {
          store(a);
        }
      }
    }
  }

  private void store(Attachment a) {
    Path target = dir.resolve(checked(a.sha256()));
    if (Files.exists(target)) {
      return;
    }
    try {
      PrivateFiles.directory(dir);
      Path tmp = Files.createTempFile(dir, ".blob", ".tmp", privateFile());
      try {
        Files.write(tmp, a.bytes());
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new ChatException("could not keep attachment " + a.name() + " in " + dir + ": "
          + Failures.ioReason(e));
    }
  }

  /**
   * {@code turns} with each attachment's content read back; an attachment whose blob is gone
   * keeps its metadata only (it is then sent as a note that it is missing).
   */
  List<Turn> restore(List<Turn> turns) {
    List<Turn> out = new ArrayList<>(turns.size());
    for (Turn t : turns) {
      if (t.attachments().isEmpty()) {
        out.add(t);
        continue;
      }
      List<Attachment> files = new ArrayList<>();
      for (Attachment a : t.attachments()) {
        files.add(a.bytes() != null ? a : a.withBytes(read(a.sha256())));
      }
      out.add(new Turn(t.user(), t.answer(), t.reasoning(), t.toolCalls(), t.model(),
          t.outcome(), t.finishReason(), t.error(), t.usage(), t.metrics(), t.at(), files));
    }
    return out;
  }

  private byte[] read(String sha256) {
    if (sha256 == null || !SHA256.matcher(sha256).matches()) {
      return null;
    }
    try {
      byte[] b = Files.readAllBytes(dir.resolve(sha256));
      // A blob is its content's hash: anything else is not the file that was attached.
      return sha256.equals(Attachment.of("blob", b).sha256()) ? b : null;
    } catch (IOException | ChatException e) {
      return null;
    }
  }

  private static String checked(String sha256) {
    if (!SHA256.matcher(sha256).matches()) {
      throw new ChatException("attachment hash '" + sha256 + "' is not a SHA-256");
    }
    return sha256;
  }

  private FileAttribute<?>[] privateFile() {
    if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return new FileAttribute<?>[0];
    }
    Set<PosixFilePermission> rw = PosixFilePermissions.fromString("rw-------");
    return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(rw)};
  }
}
