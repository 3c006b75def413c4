package org.ssechat.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The benchmark inputs by name: a recorded corpus file ({@code openai-gpt4o-mini-text-usage},
 * from {@code parser/src/test/resources/corpus}, packed into this module's jar) or a synthetic
 * stream {@code synth-<en|zh|emoji|reasoning>-<events>}.
 */
public final class Streams {

  /** Seed of every synthetic stream. */
  public static final long SEED = 20260626L;

  /** Every recorded stream, by file name without {@code .sse}. */
  public static final List<String> CORPUS = List.of(
      "alibaba-qwen3-max-long-text",
      "anthropic-compat-claude-haiku-tool-index1",
      "crusoe-vllm-llama33-usage-empty-choices",
      "dashscope-qwen-plus-chinese-usage",
      "deepseek-reasoner-reasoning-content-emoji",
      "deepwiki-mcp-sse-starlette-ping-crlf",
      "google-gemini-native-crlf-no-done",
      "groq-compound-web-search-reasoning-emoji",
      "groq-gptoss-reasoning-tool-call-xgroq",
      "groq-r1-distill-long-reasoning-425k",
      "openai-gpt41-midstream-error-object",
      "openai-gpt4o-long-tool-arguments-20k",
      "openai-gpt4o-mini-text-usage",
      "openai-gpt4o-mini-tool-call-arg-fragments",
      "openai-gpt5-moderation-field",
      "openarc-openvino-truncated-no-done",
      "openrouter-bedrock-claude-keepalive-usage-cost",
      "openrouter-o3-reasoning-details-keepalive",
      "snowflake-cortex-claude-no-finish-reason",
      "zai-glm47-reasoning-content");

  private static final Map<String, byte[]> CACHE = new ConcurrentHashMap<>();

  private Streams() {}

  /** The bytes of the named stream (shared: do not modify). */
  public static byte[] get(String name) {
    return CACHE.computeIfAbsent(name, Streams::load);
  }

  /** {@code synth-<kind>-<events>}. */
  public static String synthetic(SyntheticStream.Kind kind, int events) {
    return "synth-" + kind.name().toLowerCase(Locale.ROOT) + "-" + events;
  }

  private static byte[] load(String name) {
    if (name.startsWith("synth-")) {
      String[] parts = name.split("-");
      if (parts.length != 3) {
        throw new IllegalArgumentException("synthetic stream names look like synth-en-2000: " + name);
      }
      SyntheticStream.Kind kind = SyntheticStream.Kind.valueOf(parts[1].toUpperCase(Locale.ROOT));
      return SyntheticStream.generate(kind, Integer.parseInt(parts[2]), SEED);
    }
    String resource = "/corpus/" + name + ".sse";
    try (InputStream in = Streams.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no such stream: " + name + " (corpus: " + CORPUS + ")");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A read size parameter: a byte count, or {@code whole} for one read of the whole stream. */
  public static int readSize(String param, byte[] stream) {
    return param.equals("whole") ? Math.max(1, stream.length) : Integer.parseInt(param);
  }
}
