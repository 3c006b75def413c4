package org.ssechat.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {
  @TempDir
  Path dir;

  @BeforeEach
  void posixOnly() {
    assumeThat(PrivateFiles.posix(dir)).as("a POSIX file system").isTrue();
  }

  private static String mode(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }

  @Test
  void directoriesAreCreatedPrivateAndTheLeafIsMadePrivate() throws Exception {
    Path leaf = dir.resolve("a/b/c");
    PrivateFiles.directory(leaf);
    assertThat(mode(dir.resolve("a"))).isEqualTo("rwx------");
    assertThat(mode(dir.resolve("a/b"))).isEqualTo("rwx------");
    assertThat(mode(leaf)).isEqualTo("rwx------");
    Path open = dir.resolve("open");
    Files.createDirectory(open, PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwxr-xr-x")));
    PrivateFiles.directory(open);
    assertThat(mode(open)).isEqualTo("rwx------");
  }

  @Test
  void newFilesArePrivateAndNeverReplaceOrFollowALink() throws Exception {
    Path f = dir.resolve("x/rec.sse");
    try (FileChannel ch = PrivateFiles.createNew(f)) {
      ch.write(ByteBuffer.wrap("data".getBytes(StandardCharsets.UTF_8)));
    }
    assertThat(mode(f)).isEqualTo("rw-------");
    assertThat(mode(f.getParent())).isEqualTo("rwx------");
    assertThatThrownBy(() -> PrivateFiles.createNew(f)).isInstanceOf(
        FileAlreadyExistsException.class);
    Path victim = dir.resolve("victim.txt");
    Files.writeString(victim, "keep");
    Path link = dir.resolve("x/link.sse");
    Files.createSymbolicLink(link, victim);
    assertThatThrownBy(() -> PrivateFiles.createNew(link)).isInstanceOf(
        FileAlreadyExistsException.class);
    assertThat(Files.readString(victim)).isEqualTo("keep");
  }

  @Test
  void replaceIsAtomicPrivateAndReplacesALinkInsteadOfWritingThroughIt() throws Exception {
    Path target = dir.resolve("s/session.json");
    PrivateFiles.replace(target, "one".getBytes(StandardCharsets.UTF_8));
    PrivateFiles.replace(target, "two".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.readString(target)).isEqualTo("two");
    assertThat(mode(target)).isEqualTo("rw-------");
    try (Stream<Path> files = Files.list(target.getParent())) {
      assertThat(files).containsExactly(target); // no temporary file left behind
    }
    Path victim = dir.resolve("victim.txt");
    Files.writeString(victim, "keep");
    Path link = dir.resolve("s/link.json");
    Files.createSymbolicLink(link, victim);
    PrivateFiles.replace(link, "new".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.readString(victim)).isEqualTo("keep");
    assertThat(Files.isSymbolicLink(link)).isFalse();
  }

  @Test
  void restrictAndReadableByOthers() throws Exception {
    Path f = dir.resolve("config.yml");
    Files.writeString(f, "ssechat: {}\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(PrivateFiles.readableByOthers(f)).isTrue();
    PrivateFiles.restrict(f);
    assertThat(mode(f)).isEqualTo("rw-------");
    assertThat(PrivateFiles.readableByOthers(f)).isFalse();
  }
}
