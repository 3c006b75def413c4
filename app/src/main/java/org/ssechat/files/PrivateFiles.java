package org.ssechat.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Where ssechat writes: its directories are 0700 and its files 0600 on POSIX file systems
 * (history, sessions, attachments, recordings and their sidecars may hold private text), files are
 * created new without following symbolic links, and whole files are replaced atomically through
 * a private temporary file. On file systems without POSIX permissions the modes are skipped.
 */
public final class PrivateFiles {
  private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  /** Whether {@code p}'s file system has POSIX permissions. */
  public static boolean posix(Path p) {
    return p.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  /**
   * Creates {@code dir} and missing parents; the ones created here are 0700, and {@code dir}
   * itself is made 0700 even if it existed (it is ssechat's own).
   */
  public static Path directory(Path dir) throws IOException {
    Path abs = dir.toAbsolutePath();
    Path parent = abs.getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      directory(parent);
    }
    if (!Files.isDirectory(abs)) {
      try {
        Files.createDirectory(abs, dirAttribute(abs));
      } catch (FileAlreadyExistsException raced) {
        // another process made it: fine
      }
    }
    if (posix(abs) && !Files.isSymbolicLink(abs)) {
      Files.setPosixFilePermissions(abs, DIR);
    }
    return dir;
  }

  /**
   * Opens a new file for writing (0600), refusing to replace an existing file or to follow a
   * symbolic link; its parent directory is created private.
   */
  public static FileChannel createNew(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      directory(parent);
    }
    return FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS), fileAttribute(file));
  }

  /**
   * Replaces {@code target} with {@code bytes}: written to a private temporary file beside it,
   * forced to disk, then moved over it atomically (a symbolic link at {@code target} is replaced,
   * never followed). A crash leaves the old or the new file, never a torn one.
   */
  public static void replace(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    directory(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp",
        fileAttribute(dir));
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Makes an existing file 0600 (files written by a library, such as the input history). */
  public static void restrict(Path file) throws IOException {
    if (posix(file) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      Files.setPosixFilePermissions(file, FILE);
    }
  }

  /** Whether {@code file} can be read by users other than its owner (group or others). */
  public static boolean readableByOthers(Path file) throws IOException {
    if (!posix(file)) {
      return false;
    }
    Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
    return p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ);
  }

  private static FileAttribute<?>[] dirAttribute(Path p) {
    return posix(p) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(DIR)}
        : new FileAttribute<?>[0];
  }

  private static FileAttribute<?>[] fileAttribute(Path p) {
    return posix(p) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
        : new FileAttribute<?>[0];
  }
}
