package org.ssechat.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

  private static SsechatProperties props() {
    SsechatProperties p = new SsechatProperties();
    p.setConfigDir("/cfg");
    p.setDataDir("/data");
    return p;
  }

  @Test
  void noKeyAndNoUrlMeansOffline() {
    Settings s = Settings.resolve(props(), Map.of());
    assertThat(s.provider()).isEqualTo("offline");
    assertThat(s.offline()).isTrue();
    assertThat(s.baseUrl()).isNull();
    assertThat(s.maskedKey()).isEqualTo("(none)");
  }

  @Test
  void openAiKeyFromTheEnvironmentSelectsOpenAi() {
    Settings s = Settings.resolve(props(), Map.of("OPENAI_API_KEY", "sk-proj-1234567890abcd"));
    assertThat(s.provider()).isEqualTo("openai");
    assertThat(s.baseUrl()).isEqualTo("https://api.openai.com/v1");
    assertThat(s.auth()).isEqualTo("bearer");
    assertThat(s.maskedKey()).isEqualTo("sk-…abcd");
    assertThat(s.describe().toString()).doesNotContain("1234567890");
  }

  /** OPENAI_API_KEY is OpenAI's: another preset's host does not get it unless asked. */
  @Test
  void openAiKeyGoesOnlyToOpenAiOrWhereTheUserPairedIt() {
    Map<String, String> env = Map.of("OPENAI_API_KEY", "sk-proj-1234567890abcd");
    SsechatProperties p = props();
    p.setProvider("deepseek");
    Settings deepseek = Settings.resolve(p, env);
    assertThat(deepseek.apiKey()).isNull();
    assertThat(deepseek.describe().get("api-key")).startsWith("(none: OPENAI_API_KEY is only "
        + "sent to api.openai.com").contains("api.deepseek.com").doesNotContain("1234567890");

    p.setOpenaiKeyAnywhere(true);
    assertThat(Settings.resolve(p, env).apiKey()).isEqualTo("sk-proj-1234567890abcd");

    Settings paired = Settings.resolve(props(), Map.of("OPENAI_API_KEY", "sk-proj-1234567890abcd",
        "OPENAI_BASE_URL", "https://relay.example/v1"));
    assertThat(paired.apiKey()).isEqualTo("sk-proj-1234567890abcd");

    SsechatProperties own = props();
    own.setProvider("deepseek");
    own.setApiKey("sk-own-0123456789");
    assertThat(Settings.resolve(own, env).apiKey()).isEqualTo("sk-own-0123456789");
  }

  @Test
  void theApiDialectComesFromThePresetUnlessSet() {
    SsechatProperties p = props();
    p.setProvider("anthropic");
    p.setApiKey("sk-ant-0123456789");
    Settings a = Settings.resolve(p, Map.of());
    assertThat(a.api()).isEqualTo(org.ssechat.chat.ChatStreamDecoder.Dialect.MESSAGES);
    assertThat(a.baseUrl()).isEqualTo("https://api.anthropic.com/v1");
    assertThat(a.auth()).isEqualTo("header:x-api-key");
    assertThat(a.describe().get("api")).isEqualTo("messages");
    p.setApi("Responses");
    assertThat(Settings.resolve(p, Map.of()).api())
        .isEqualTo(org.ssechat.chat.ChatStreamDecoder.Dialect.RESPONSES);
    p.setApi("grpc");
    assertThatThrownBy(() -> Settings.resolve(p, Map.of()))
        .hasMessage("unknown API 'grpc': use chat, messages or responses");
    assertThat(Settings.resolve(props(), Map.of()).api())
        .isEqualTo(org.ssechat.chat.ChatStreamDecoder.Dialect.CHAT);
  }

  @Test
  void aKeyIsNeverSentInClearTextToAnotherMachine() {
    SsechatProperties p = props();
    p.setApiKey("sk-own-0123456789");
    p.setBaseUrl("http://relay.example/v1");
    assertThatThrownBy(() -> Settings.resolve(p, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("refusing to send the API key in clear text to http://relay.example: use "
            + "https, or set ssechat.allow-insecure-http=true");
    p.setAllowInsecureHttp(true);
    assertThat(Settings.resolve(p, Map.of()).apiKey()).isEqualTo("sk-own-0123456789");
    for (String local : new String[] {"http://localhost:11434/v1", "http://127.0.0.1:8080/v1",
        "http://[::1]:8080/v1", "http://127.3.4.5/v1"}) {
      SsechatProperties q = props();
      q.setApiKey("sk-own-0123456789");
      q.setBaseUrl(local);
      assertThat(Settings.resolve(q, Map.of()).baseUrl()).isEqualTo(local);
    }
    SsechatProperties noKey = props();
    noKey.setBaseUrl("http://relay.example/v1");
    assertThat(Settings.resolve(noKey, Map.of()).apiKey()).isNull();
  }

  @Test
  void credentialsInTheBaseUrlAreMaskedInConfig() {
    SsechatProperties p = props();
    p.setBaseUrl("https://bob:hunter22@relay.example/v1");
    assertThat(Settings.resolve(p, Map.of()).describe().get("base-url"))
        .isEqualTo("https://bob:****@relay.example/v1");
  }

  @Test
  void presetsAndOverrides() {
    SsechatProperties p = props();
    p.setProvider("DMXAPI");
    p.setApiKey("k-123456789");
    Settings dmx = Settings.resolve(p, Map.of("OPENAI_BASE_URL", "https://ignored.example"));
    assertThat(dmx.provider()).isEqualTo("dmxapi");
    assertThat(dmx.baseUrl()).isEqualTo("https://ignored.example"); // explicit URL wins over preset
    assertThat(dmx.auth()).isEqualTo("raw");

    p = props();
    p.setProvider("ollama");
    Settings ollama = Settings.resolve(p, Map.of());
    assertThat(ollama.baseUrl()).isEqualTo("http://localhost:11434/v1");
    assertThat(ollama.auth()).isEqualTo("none");

    p = props();
    p.setBaseUrl("http://127.0.0.1:8080/v1");
    p.setModel("qwen");
    Settings custom = Settings.resolve(p, Map.of());
    assertThat(custom.provider()).isEqualTo(Settings.CUSTOM);
    assertThat(custom.model()).isEqualTo("qwen");

    for (Provider pr : Provider.values()) {
      p = props();
      p.setProvider(pr.id());
      assertThat(Settings.resolve(p, Map.of()).provider()).isEqualTo(pr.id());
    }
    assertThat(Provider.WHATAI.baseUrl()).isEqualTo("https://api.whatai.cc");
    assertThat(Provider.DEEPSEEK.baseUrl()).isEqualTo("https://api.deepseek.com");
    assertThat(Provider.OPENROUTER.baseUrl()).isEqualTo("https://openrouter.ai/api/v1");
  }

  @Test
  void unknownProviderIsAnError() {
    SsechatProperties p = props();
    p.setProvider("nope");
    assertThatThrownBy(() -> Settings.resolve(p, Map.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown provider 'nope'");
  }

  @Test
  void xdgDirectories() {
    SsechatProperties p = new SsechatProperties();
    Settings s = Settings.resolve(p, Map.of("XDG_CONFIG_HOME", "/x/c", "XDG_DATA_HOME", "/x/d"));
    assertThat(s.configDir()).isEqualTo(Path.of("/x/c/ssechat"));
    assertThat(s.sessionsDir()).isEqualTo(Path.of("/x/d/ssechat/sessions"));
    assertThat(s.recordingsDir()).isEqualTo(Path.of("/x/d/ssechat/recordings"));
    Settings home = Settings.resolve(p, Map.of());
    assertThat(home.dataDir()).isEqualTo(Path.of(System.getProperty("user.home"), ".local/share/ssechat"));
  }

  @Test
  void keyDetection() {
    SsechatProperties p = props();
    p.setApiKey("sk-abcdefghijkl");
    Settings s = Settings.resolve(p, Map.of());
    assertThat(s.containsKey("use sk-abcdefghijkl please")).isTrue();
    assertThat(s.containsKey("sk-abcdefgh")).isFalse();
    p.setApiKey("sk-short");
    assertThat(Settings.resolve(p, Map.of()).maskedKey()).isEqualTo("****");
  }
}
