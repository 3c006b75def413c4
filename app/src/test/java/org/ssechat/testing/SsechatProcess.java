package org.ssechat.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs ssechat in a separate JVM from the test class path, with XDG dirs under {@code home}. */
public final class SsechatProcess {
  private SsechatProcess() {}

  /** Exit code and the two output streams of a finished run. */
  public record Run(int code, String out, String err) {}

  public static ProcessBuilder builder(Path home, Map<String, String> env, String... args) {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
        "-cp", System.getProperty("java.class.path"), "org.ssechat.app.SsechatApplication"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    Map<String, String> e = pb.environment();
    e.keySet().removeIf(k -> k.startsWith("OPENAI_") || k.startsWith("SSECHAT_"));
    e.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    e.put("XDG_DATA_HOME", home.resolve("data").toString());
    e.putAll(env);
    return pb;
  }

  /** Runs to completion with {@code stdin} as input (at most 60 s). */
  public static Run run(Path home, Map<String, String> env, String stdin, String... args)
      throws Exception {
    Process p = builder(home, env, args).start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8));
  }
}
