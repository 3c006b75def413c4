package org.ssechat.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssechat.client.Metrics;
import org.ssechat.client.Outcome;
import org.ssechat.files.PrivateFiles;

/** Two REPLs on one session: the second save never silently drops the first one's turns. */
class SessionConflictTest {
  @TempDir
  Path dir;

  private static Turn turn(String q) {
    return new Turn(q, "a", "", List.of(), "m", Outcome.FINISHED, "stop", null, null,
        Metrics.NONE, "2026-12-05T00:00:00Z", List.of());
  }

  @Test
  void aSaveOverAnotherProcesssWriteIsRefused() throws Exception {
    SessionStore first = new SessionStore(dir, null);
    Session s = new Session("shared", "2026-12-05T00:00:00Z", null, List.of(turn("q1")));
    first.save(s);
    SessionStore second = new SessionStore(dir, null);
    Session other = second.load("shared");
    other.add(turn("from the second REPL"));
    Path file = dir.resolve("shared.json");
    FileTime before = Files.getLastModifiedTime(file);
    second.save(other);
    // within one clock tick, or on a file system that keeps the time: content tells, not time
    Files.setLastModifiedTime(file, before);
    s.add(turn("from the first REPL"));
    assertThatThrownBy(() -> first.save(s)).isInstanceOf(SessionStore.ConflictException.class)
        .hasMessage("session shared was changed by another ssechat since this one loaded or "
            + "saved it");
    assertThat(new SessionStore(dir, null).load("shared").turns()).extracting(Turn::user)
        .containsExactly("q1", "from the second REPL");
  }

  @Test
  void sessionFilesAndTheirDirectoryArePrivate() throws Exception {
    if (!PrivateFiles.posix(dir)) {
      return;
    }
    Path sessions = dir.resolve("data/sessions");
    new SessionStore(sessions, null).save(new Session("p", "2026-12-05T00:00:00Z", null,
        List.of(turn("q"))));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(sessions)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
        sessions.resolve("p.json")))).isEqualTo("rw-------");
  }

  /** A name that is already another conversation's file is never written over. */
  @Test
  void aSessionFileThisStoreNeverReadIsNotOverwritten() throws Exception {
    new SessionStore(dir, null).save(new Session("trip", "2026-12-05T00:00:00Z", null,
        List.of(turn("theirs"))));
    SessionStore mine = new SessionStore(dir, null);
    Session s = new Session("trip", "2026-12-05T00:00:00Z", null, List.of(turn("mine")));
    assertThatThrownBy(() -> mine.save(s)).isInstanceOf(SessionStore.ConflictException.class)
        .hasMessage("session trip already exists and is another conversation");
    assertThat(mine.load("trip").turns()).extracting(Turn::user).containsExactly("theirs");
  }
}
