package org.ssechat.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssechat.chat.ChatDeltaListener;
import org.ssechat.client.Cancellation;
import org.ssechat.client.ChatMessage;
import org.ssechat.client.ChatRequest;
import org.ssechat.client.ChatResult;
import org.ssechat.client.Outcome;
import org.ssechat.offline.OfflineBackend;
import org.ssechat.replay.NoMatchAnswer;
import org.ssechat.replay.PacingClock;
import org.ssechat.replay.RecordingLibrary;
import org.ssechat.replay.Speed;
import org.ssechat.session.Session;
import org.ssechat.session.SessionStore;
import org.ssechat.testing.SsechatProcess.Run;
import org.ssechat.testing.SsechatProcess;

/**
 * ssechat as a separate process (the test class path, C1 JIT): one-shot output and exit codes,
 * autosave surviving {@code kill -9}, and the API key never reaching the disk. XDG dirs point into
 * a temp dir; nothing talks to the internet (the only HTTP URL is a closed local port).
 */
class ProcessEndToEndTest {
  private static final String KEY = "sk-e2e-FAKE-0123456789-abcdef-wxyz";

  @TempDir
  Path tmp;

  private ProcessBuilder builder(Map<String, String> env, String... args) {
    return SsechatProcess.builder(tmp, env, args);
  }

  private Run run(Map<String, String> env, String stdin, String... args) throws Exception {
    return SsechatProcess.run(tmp, env, stdin, args);
  }

  private static ChatResult offlineAnswer(String question) {
    ChatResult result = new OfflineBackend(RecordingLibrary.bundled(), Speed.MAX, 0,
        PacingClock.SYSTEM).stream(ChatRequest.of("offline", List.of(ChatMessage.user(question))),
        new ChatDeltaListener() {}, new Cancellation());
    assertThat(result.content()).isNotBlank();
    return result;
  }

  private static void assertNoStackTrace(Run r) {
    assertThat(r.out() + r.err()).doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void oneShotAnswerGoesToStdoutAndStatsToStderr() throws Exception {
    Run r = run(Map.of(), "", "chat", "周树人和鲁迅是兄弟吗？");
    assertThat(r.code()).isZero();
    // No key: the offline provider answers from the recording whose prompt matches. Standard
    // output is exactly the answer; the reasoning goes to standard error with the stats.
    ChatResult expected = offlineAnswer("周树人和鲁迅是兄弟吗？");
    assertThat(expected.content()).contains("同一个人");
    assertThat(r.out()).isEqualTo(expected.content() + "\n").doesNotContain("WARN")
        .doesNotContain("finished");
    // to a pipe the Markdown source goes out as it came; --render markdown draws it, unstyled
    assertThat(r.out()).contains("**周树人和鲁迅是同一个人**");
    Run drawn = run(Map.of("COLUMNS", "40"), "", "--render", "markdown", "chat",
        "周树人和鲁迅是兄弟吗？");
    assertThat(drawn.out()).contains("周树人和鲁迅是同一个人").contains("• 周树人是他的本名")
        .doesNotContain("**").doesNotContain("\u001b");
    assertThat(drawn.out().lines()).allMatch(l -> org.ssechat.render.DisplayWidth.NARROW.of(l)
        <= 40);
    assertThat(r.err()).contains(expected.reasoning().strip().lines().findFirst().orElseThrow());
    assertThat(r.err()).contains("finished (stop)");
    assertNoStackTrace(r);

    // a question no recording answers: the plain "no recorded answer", never an unrelated one
    Run piped = run(Map.of(), "question from a pipe\n", "chat");
    assertThat(piped.code()).isZero();
    assertThat(piped.out()).isEqualTo(offlineAnswer("question from a pipe").content() + "\n")
        .startsWith(NoMatchAnswer.HEADLINE);
  }

  @Test
  void settingsComeFromFlagsThenEnvironmentThenConfigYml() throws Exception {
    Path yml = tmp.resolve("config/ssechat/config.yml");
    Files.createDirectories(yml.getParent());
    Files.writeString(yml, "ssechat:\n  provider: deepseek\n  model: from-yaml\n  system: yaml prompt\n");
    Run fromYaml = run(Map.of(), "", "config");
    assertThat(fromYaml.out()).contains("provider         deepseek").contains("model            from-yaml")
        .contains("system           yaml prompt").contains("api-key          (none)");

    Run envWins = run(Map.of("SSECHAT_MODEL", "from-env", "SSECHAT_API_KEY", KEY), "", "config");
    assertThat(envWins.out()).contains("model            from-env").contains("system           yaml prompt")
        .contains("api-key          sk-…wxyz").doesNotContain(KEY);

    // OPENAI_API_KEY is OpenAI's: the deepseek preset does not get it, and /config says why
    Run openAiKey = run(Map.of("OPENAI_API_KEY", KEY), "", "config");
    assertThat(openAiKey.out()).contains("api-key          (none: OPENAI_API_KEY is only sent to "
        + "api.openai.com").doesNotContain(KEY).doesNotContain("wxyz");

    Run flagWins = run(Map.of("SSECHAT_MODEL", "from-env"), "", "--model", "from-flag", "config");
    assertThat(flagWins.out()).contains("model            from-flag");
  }

  @Test
  void oneShotExitCodes() throws Exception {
    Run unknownFlag = run(Map.of(), "", "--bogus");
    assertThat(unknownFlag.code()).isEqualTo(2);
    assertThat(unknownFlag.err()).contains("unknown option --bogus");

    Run unknownCommand = run(Map.of(), "", "nosuch");
    assertThat(unknownCommand.code()).isEqualTo(2);
    assertThat(unknownCommand.err()).contains("unknown command 'nosuch'");

    Run badProvider = run(Map.of(), "", "--provider", "nope", "chat", "hi");
    assertThat(badProvider.code()).isEqualTo(2);
    assertThat(badProvider.err()).contains("unknown provider 'nope'");

    Run failed = run(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", "http://127.0.0.1:9/v1"), "",
        "chat", "hi");
    assertThat(failed.code()).isEqualTo(1);
    assertThat(failed.out()).isEmpty();
    assertThat(failed.err().lines().filter(l -> l.startsWith("error: "))).hasSize(1);
    for (Run r : List.of(unknownFlag, unknownCommand, badProvider, failed)) {
      assertNoStackTrace(r);
      assertThat(r.out() + r.err()).doesNotContain(KEY);
    }
  }

  @Test
  void autosavedTurnsSurviveKillDashNine() throws Exception {
    Process p = builder(Map.of()).start();
    OutputStream in = p.getOutputStream();
    Path sessions = tmp.resolve("data/ssechat/sessions");
    try {
      in.write("first message\n".getBytes(StandardCharsets.UTF_8));
      in.flush();
      Path file = awaitSessionWithTurns(sessions, 1);
      in.write("second message\n".getBytes(StandardCharsets.UTF_8));
      in.flush();
      awaitSessionWithTurns(sessions, 2);
      p.destroyForcibly(); // SIGKILL: no shutdown hooks, no flushing
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
      String name = file.getFileName().toString().replace(".json", "");
      Session s = new SessionStore(sessions, null).load(name);
      assertThat(s.turns()).extracting(t -> t.user()).containsExactly("first message", "second message");
      assertThat(s.turns()).allMatch(t -> t.outcome() == Outcome.FINISHED);
      try (Stream<Path> files = Files.list(sessions)) {
        assertThat(files.map(f -> f.getFileName().toString())).containsExactly(name + ".json");
      }
    } finally {
      p.destroyForcibly();
    }
  }

  private static Path awaitSessionWithTurns(Path dir, int turns) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (Files.isDirectory(dir)) {
        for (SessionStore.Info i : new SessionStore(dir, null).list()) {
          if (i.turns() == turns) {
            return dir.resolve(i.name() + ".json");
          }
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no session with " + turns + " turns in " + dir);
  }

  @Test
  void ctrlCInOneShotModeReachesTheCancelHandler() throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), org.ssechat.testing.InterruptProbe.class.getName())
        .redirectErrorStream(true).start();
    try {
      var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("ready");
      new ProcessBuilder("kill", "-INT", String.valueOf(p.pid())).start().waitFor();
      assertThat(out.readLine()).isEqualTo("handled");
      assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void theKeyNeverReachesTheDisk() throws Exception {
    String script = String.join("\n",
        "hello there",
        "my key is " + KEY,
        "/system remember " + KEY,
        "/config",
        "/save keytest",
        "/exit", "");
    Run r = run(Map.of("SSECHAT_API_KEY", KEY, "SSECHAT_BASE_URL", "http://127.0.0.1:9/v1"), script);
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("not sent: the message contains your API key")
        .contains("not set: the text contains your API key")
        .contains("sk-…wxyz")
        .doesNotContain(KEY);
    assertNoStackTrace(r);
    Path history = tmp.resolve("config/ssechat/history");
    assertThat(history).exists();
    assertThat(Files.readString(history)).contains("hello there").contains("/config");
    assertThat(tmp.resolve("data/ssechat/sessions/keytest.json")).exists();
    List<Path> files;
    try (Stream<Path> all = Files.walk(tmp)) {
      files = all.filter(Files::isRegularFile).toList();
    }
    assertThat(files).isNotEmpty();
    for (Path f : files) {
      assertThat(Files.readString(f)).as(f.toString()).doesNotContain(KEY).doesNotContain("0123456789-abcdef");
    }
  }
}
