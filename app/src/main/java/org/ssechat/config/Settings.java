package org.ssechat.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ssechat.chat.ChatStreamDecoder.Dialect;
import org.ssechat.client.ResponseOptions;
import org.ssechat.client.http.AuthScheme;
import org.ssechat.client.http.EndpointConfig;
import org.ssechat.client.http.KeyScope;
import org.ssechat.failure.Secrets;

/**
 * The effective settings after presets and fallbacks are applied. Immutable; the REPL swaps in a
 * changed copy ({@link #withModel}, {@link #withRecord}) when the user changes something.
 *
 * @param provider       the preset name, or {@code custom} when only a base URL was given
 * @param baseUrl        endpoint base URL; null for the offline provider
 * @param apiKey         the key, or null; never print it, use {@link #maskedKey()}
 * @param auth           {@code bearer}, {@code raw}, {@code header:NAME} or {@code none}
 * @param model          the model to ask
 * @param system         the default system prompt for new sessions, or null
 * @param record         whether responses are recorded to {@link #recordingsDir()}
 * @param showReasoning  whether reasoning text is shown while streaming
 * @param configDir      {@code $XDG_CONFIG_HOME/ssechat}
 * @param dataDir        {@code $XDG_DATA_HOME/ssechat}
 * @param connectTimeout connect timeout for HTTP providers
 * @param readTimeout    idle read timeout for HTTP providers
 * @param responses      how answers are decoded and capped ({@code max-answer-bytes},
 *                       {@code max-comments-only})
 * @param keyNote        why a key in the environment is not used, or null
 * @param raw            whether the model's text is shown unsanitized ({@code --raw})
 * @param api            the API dialect requests are made in ({@code --api})
 */
public record Settings(String provider, String baseUrl, String apiKey, String auth, String model,
    String system, boolean record, boolean showReasoning, Path configDir, Path dataDir,
    Duration connectTimeout, Duration readTimeout, ResponseOptions responses, String keyNote,
    boolean raw, Dialect api) {

  /** Name of the provider used when no preset was named and only a base URL is known. */
  public static final String CUSTOM = "custom";

  /**
   * Applies the rules documented in {@code docs/usage.md}: {@code ssechat.api-key} else
   * {@code OPENAI_API_KEY}; {@code ssechat.base-url} else {@code OPENAI_BASE_URL} else the preset's;
   * with no provider named, no key and no base URL the provider is {@code offline}.
   *
   * @param env the process environment (a map, so tests can pass their own)
   */
  public static Settings resolve(SsechatProperties p, Map<String, String> env) {
    String ownKey = blankToNull(p.getApiKey());
    String openaiKey = blankToNull(env.get("OPENAI_API_KEY"));
    String key = ownKey != null ? ownKey : openaiKey;
    String explicitUrl = firstText(p.getBaseUrl(), env.get("OPENAI_BASE_URL"));
    String providerName = blankToNull(p.getProvider());
    Provider preset;
    String provider;
    if (providerName != null) {
      preset = Provider.byId(providerName).orElse(null);
      if (preset == null && explicitUrl == null) {
        throw new IllegalArgumentException("unknown provider '" + providerName
            + "' (presets: openai, anthropic, dmxapi, whatai, deepseek, openrouter, ollama, offline)");
      }
      provider = preset == null ? providerName : preset.id();
    } else if (key == null && explicitUrl == null) {
      preset = Provider.OFFLINE;
      provider = preset.id();
    } else if (explicitUrl != null) {
      preset = Provider.OPENAI;
      provider = CUSTOM;
    } else {
      preset = Provider.OPENAI;
      provider = preset.id();
    }
    Provider base = preset == null ? Provider.OPENAI : preset;
    String url = base == Provider.OFFLINE ? null : firstText(explicitUrl, base.baseUrl());
    String auth = firstText(p.getAuth(), base.auth());
    String model = firstText(p.getModel(), base.defaultModel());
    String keyNote = null;
    if (ownKey == null && key != null && url != null && !KeyScope.openAiKeyMayGo(url,
        blankToNull(p.getBaseUrl()) == null && blankToNull(env.get("OPENAI_BASE_URL")) != null,
        p.isOpenaiKeyAnywhere())) {
      key = null;
      keyNote = "OPENAI_API_KEY is only sent to api.openai.com (or with OPENAI_BASE_URL); set "
          + "SSECHAT_API_KEY for " + KeyScope.host(url) + ", or ssechat.openai-key-anywhere=true";
    }
    if (key != null && url != null) {
      KeyScope.checkTransport(url, p.isAllowInsecureHttp());
    }
    Path configDir = Path.of(firstText(p.getConfigDir(), defaultDir(env, "XDG_CONFIG_HOME", ".config")));
    Path dataDir = Path.of(firstText(p.getDataDir(), defaultDir(env, "XDG_DATA_HOME", ".local/share")));
    return new Settings(provider, url, key, auth, model, blankToNull(p.getSystem()), p.isRecord(),
        p.isShowReasoning(), configDir, dataDir, p.getConnectTimeout(), p.getReadTimeout(),
        ResponseOptions.DEFAULTS.withMaxBodyBytes(p.getMaxAnswerBytes())
            .withMaxCommentsOnly(p.getMaxCommentsOnly()), keyNote, p.isRaw(),
        base == Provider.OFFLINE ? Dialect.CHAT : api(p.getApi(), base.api()));
  }

  public boolean offline() {
    return Provider.OFFLINE.id().equals(provider);
  }

  public Path sessionsDir() {
    return dataDir.resolve("sessions");
  }

  public Path recordingsDir() {
    return dataDir.resolve("recordings");
  }

  public Settings withModel(String newModel) {
    return new Settings(provider, baseUrl, apiKey, auth, newModel, system, record, showReasoning,
        configDir, dataDir, connectTimeout, readTimeout, responses, keyNote, raw, api);
  }

  /** These settings with requests in {@code dialect}. */
  public Settings withApi(Dialect dialect) {
    return new Settings(provider, baseUrl, apiKey, auth, model, system, record, showReasoning,
        configDir, dataDir, connectTimeout, readTimeout, responses, keyNote, raw, dialect);
  }

  /**
   * {@code chat}, {@code messages} or {@code responses} (any case), else the preset's.
   *
   * @throws IllegalArgumentException for another name
   */
  public static Dialect api(String name, Dialect preset) {
    if (name == null || name.isBlank()) {
      return preset;
    }
    try {
      return Dialect.valueOf(name.strip().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown API '" + name.strip()
          + "': use chat, messages or responses");
    }
  }

  public Settings withRecord(boolean on) {
    return new Settings(provider, baseUrl, apiKey, auth, model, system, on, showReasoning,
        configDir, dataDir, connectTimeout, readTimeout, responses, keyNote, raw, api);
  }

  public Settings withShowReasoning(boolean on) {
    return new Settings(provider, baseUrl, apiKey, auth, model, system, record, on,
        configDir, dataDir, connectTimeout, readTimeout, responses, keyNote, raw, api);
  }

  /**
   * Where and how to reach the provider over HTTP.
   *
   * @throws IllegalStateException for the offline provider, which has no endpoint
   */
  public EndpointConfig endpoint() {
    if (offline()) {
      throw new IllegalStateException("the offline provider has no HTTP endpoint");
    }
    return EndpointConfig.of(provider, baseUrl, apiKey).withAuth(AuthScheme.parse(auth))
        .withTimeouts(connectTimeout, readTimeout, readTimeout, null);
  }

  /** The key as {@code sk-…abcd} (first 3 and last 4 characters), {@code ****} if short. */
  public String maskedKey() {
    return Secrets.mask(apiKey);
  }

  /** Whether {@code text} contains the configured key (so it must not be stored or sent). */
  public boolean containsKey(CharSequence text) {
    return apiKey != null && apiKey.length() >= 8 && text != null && text.toString().contains(apiKey);
  }

  /** The effective settings for {@code /config}, key masked, in display order. */
  public Map<String, String> describe() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("provider", provider);
    m.put("base-url", baseUrl == null ? "(in-process)" : Secrets.withoutCredentials(baseUrl));
    m.put("api-key", apiKey == null && keyNote != null ? "(none: " + keyNote + ")" : maskedKey());
    m.put("auth", auth);
    m.put("api", api.name().toLowerCase(java.util.Locale.ROOT));
    m.put("model", model);
    m.put("system", system == null ? "(none)" : system);
    m.put("record", record ? "on (" + recordingsDir() + ")" : "off");
    m.put("show-reasoning", String.valueOf(showReasoning));
    m.put("raw", raw ? "on (the model's text is not sanitized)" : "off");
    m.put("config-dir", configDir.toString());
    m.put("data-dir", dataDir.toString());
    m.put("connect-timeout", connectTimeout.toString());
    m.put("read-timeout", readTimeout.toString());
    m.put("max-answer-bytes", String.valueOf(responses.maxBodyBytes()));
    m.put("max-comments-only", responses.maxCommentsOnly().toString());
    return m;
  }

  private static String defaultDir(Map<String, String> env, String xdgVar, String homeRelative) {
    String xdg = blankToNull(env.get(xdgVar));
    Path root = xdg != null ? Path.of(xdg) : Path.of(System.getProperty("user.home"), homeRelative);
    return root.resolve("ssechat").toString();
  }

  private static String firstText(String a, String b) {
    String first = blankToNull(a);
    return first != null ? first : blankToNull(b);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
