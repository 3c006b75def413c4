package org.ssechat.testing;

import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * ssechat in a real terminal: a detached tmux session running it (from the test class path, as
 * {@link SsechatProcess} does), driven with {@code send-keys} and read with {@code capture-pane}.
 * Tests using it are skipped where tmux is not installed.
 */
public final class TmuxSession implements AutoCloseable {
  private final String name;

  private TmuxSession(String name) {
    this.name = name;
  }

  /** Starts ssechat with {@code args} in a {@code width}×{@code height} terminal. */
  public static TmuxSession start(Path home, Map<String, String> env, int width, int height,
      String... args) throws Exception {
    assumeThat(tmuxAvailable()).as("tmux is installed").isTrue();
    String name = "ssechat-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
    ProcessBuilder app = SsechatProcess.builder(home, env, args);
    String command = app.environment().entrySet().stream()
        .filter(e -> e.getKey().startsWith("XDG_") || env.containsKey(e.getKey()))
        .map(e -> e.getKey() + "=" + quote(e.getValue())).collect(Collectors.joining(" "))
        + " " + app.command().stream().map(TmuxSession::quote).collect(Collectors.joining(" "));
    run("tmux", "new-session", "-d", "-s", name, "-x", String.valueOf(width), "-y",
        String.valueOf(height), "env -u OPENAI_API_KEY -u SSECHAT_API_KEY TERM=xterm-256color "
            + command);
    return new TmuxSession(name);
  }

  /** Types {@code keys} literally (no key names), then Enter if {@code enter}. */
  public void type(String keys, boolean enter) throws Exception {
    run("tmux", "send-keys", "-t", name, "-l", keys);
    if (enter) {
      run("tmux", "send-keys", "-t", name, "Enter");
    }
  }

  /** The visible screen, lines joined with LF, trailing blanks trimmed. */
  public String screen() throws Exception {
    return run("tmux", "capture-pane", "-t", name, "-p").lines().map(String::stripTrailing)
        .collect(Collectors.joining("\n")).strip();
  }

  /** Waits up to {@code seconds} for {@code text} on the screen; returns the screen. */
  public String await(String text, int seconds) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    String s = screen();
    while (!s.contains(text) && System.nanoTime() < end) {
      Thread.sleep(200);
      s = screen();
    }
    return s;
  }

  /**
   * Waits up to 10 s for ssechat to exit on its own (after {@code /exit}), so it is not killed
   * while it still writes its files; then ends the session whatever happened.
   */
  @Override
  public void close() throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < end && alive()) {
      Thread.sleep(100);
    }
    if (alive()) {
      run("tmux", "kill-session", "-t", name);
      Thread.sleep(500); // let the killed JVM go before the test's directory is deleted
    }
  }

  private boolean alive() throws Exception {
    Process p = new ProcessBuilder("tmux", "has-session", "-t", name).start();
    p.waitFor(5, TimeUnit.SECONDS);
    return p.exitValue() == 0;
  }

  private static boolean tmuxAvailable() {
    try {
      return new ProcessBuilder("tmux", "-V").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(new ArrayList<>(List.of(cmd))).redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(20, TimeUnit.SECONDS);
    return out;
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\"'\"'") + "'";
  }
}
