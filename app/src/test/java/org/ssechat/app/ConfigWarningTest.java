package org.ssechat.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssechat.files.PrivateFiles;
import org.ssechat.testing.SsechatProcess;

/** A config.yml others can read (it may hold the key) gets one warning, never the key. */
class ConfigWarningTest {
  @TempDir
  Path home;

  @Test
  void readableConfigIsWarnedAboutOnceWithoutTheKey() throws Exception {
    assumeThat(PrivateFiles.posix(home)).isTrue();
    Path yml = home.resolve("config/ssechat/config.yml");
    Files.createDirectories(yml.getParent());
    Files.writeString(yml, "ssechat:\n  api-key: sk-yaml-0123456789abcdef\n  provider: offline\n");
    Files.setPosixFilePermissions(yml, PosixFilePermissions.fromString("rw-r--r--"));
    StringWriter err = new StringWriter();
    SsechatConfiguration.warnIfOthersCanRead(yml, new PrintWriter(err, true));
    assertThat(err.toString().strip()).isEqualTo("warning: " + yml + " is readable by other "
        + "users (rw-r--r--); it may hold your API key: chmod 600 " + yml);

    SsechatProcess.Run run = SsechatProcess.run(home, Map.of(), "", "config");
    assertThat(run.err().lines().filter(l -> l.contains("readable by other users"))).hasSize(1);
    assertThat(run.err() + run.out()).doesNotContain("0123456789abcdef");

    Files.setPosixFilePermissions(yml, PosixFilePermissions.fromString("rw-------"));
    StringWriter quiet = new StringWriter();
    SsechatConfiguration.warnIfOthersCanRead(yml, new PrintWriter(quiet, true));
    assertThat(quiet.toString()).isEmpty();
  }

  /** A history file that is a symbolic link is not used: JLine would write through it. */
  @Test
  void aSymlinkedHistoryFileIsNotWrittenThrough() throws Exception {
    Path target = home.resolve("elsewhere.txt");
    Files.writeString(target, "keep me\n");
    Path history = home.resolve("history");
    Files.createSymbolicLink(history, target);
    assertThat(SsechatConfiguration.privateHistory(history)).isNull();
    assertThat(Files.readString(target)).isEqualTo("keep me\n");
    Path plain = home.resolve("history2");
    assertThat(SsechatConfiguration.privateHistory(plain)).isEqualTo(plain);
    assertThat(Files.isRegularFile(plain)).isTrue();
  }
}
