package org.ssechat.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.ssechat.chat.ChatStreamDecoder.Dialect;

/**
 * Built-in provider presets: where the endpoint is, how the key is sent, and a default model.
 * Any setting given explicitly (config file, env, flag) overrides the preset.
 */
public enum Provider {
  OPENAI("https://api.openai.com/v1", "bearer", "gpt-4o-mini", Dialect.CHAT),
  /** Anthropic's native Messages API: {@code x-api-key} and {@code anthropic-version}. */
  ANTHROPIC("https://api.anthropic.com/v1", "header:x-api-key", "claude-sonnet-4-5",
      Dialect.MESSAGES),
  DMXAPI("https://www.dmxapi.cn", "raw", "gpt-4o-mini", Dialect.CHAT),
  WHATAI("https://api.whatai.cc", "bearer", "gpt-4o-mini", Dialect.CHAT),
  DEEPSEEK("https://api.deepseek.com", "bearer", "deepseek-chat", Dialect.CHAT),
  OPENROUTER("https://openrouter.ai/api/v1", "bearer", "openai/gpt-4o-mini", Dialect.CHAT),
  OLLAMA("http://localhost:11434/v1", "none", "llama3.2", Dialect.CHAT),
  /** The in-process provider answering from bundled recordings; needs no network and no key. */
  OFFLINE(null, "none", "offline", Dialect.CHAT);

  private final String baseUrl;
  private final String auth;
  private final String defaultModel;
  private final Dialect api;

  Provider(String baseUrl, String auth, String defaultModel, Dialect api) {
    this.baseUrl = baseUrl;
    this.auth = auth;
    this.defaultModel = defaultModel;
    this.api = api;
  }

  /** The API dialect the preset speaks unless {@code ssechat.api} says otherwise. */
  public Dialect api() {
    return api;
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
