package org.ssechat.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Built-in provider presets: where the endpoint is, how the key is sent, and a default model.
 * Any setting given explicitly (config file, env, flag) overrides the preset.
 */
public enum Provider {
  OPENAI("https://api.openai.com/v1", "bearer", "gpt-4o-mini"),
  DMXAPI("https://www.dmxapi.cn", "raw", "gpt-4o-mini"),
  WHATAI("https://api.whatai.cc", "bearer", "gpt-4o-mini"),
  DEEPSEEK("https://api.deepseek.com", "bearer", "deepseek-chat"),
  OPENROUTER("https://openrouter.ai/api/v1", "bearer", "openai/gpt-4o-mini"),
  OLLAMA("http://localhost:11434/v1", "none", "llama3.2"),
  /** The in-process provider answering from bundled recordings; needs no network and no key. */
  OFFLINE(null, "none", "offline");

  private final String baseUrl;
  private final String auth;
  private final String defaultModel;

  Provider(String baseUrl, String auth, String defaultModel) {
    this.baseUrl = baseUrl;
    this.auth = auth;
    this.defaultModel = defaultModel;
  }

  /** The preset's base URL; null for {@link #OFFLINE}. */
  public String baseUrl() {
    return baseUrl;
  }

  /** {@code bearer}, {@code raw}, {@code header:NAME} or {@code none}. */
  public String auth() {
    return auth;
  }

  public String defaultModel() {
    return defaultModel;
  }

  /** The lower-case name used in config and flags. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Looks a preset up by its name, ignoring case. */
  public static Optional<Provider> byId(String id) {
    if (id == null) {
      return Optional.empty();
    }
    String wanted = id.strip().toUpperCase(Locale.ROOT);
    return Arrays.stream(values()).filter(p -> p.name().equals(wanted)).findFirst();
  }
}
