package org.ssechat.client.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ssechat.failure.Secrets;

class EndpointConfigTest {

  @ParameterizedTest
  @CsvSource({
      "https://x.com, https://x.com/v1/chat/completions",
      "https://x.com/, https://x.com/v1/chat/completions",
      "https://x.com/v1, https://x.com/v1/chat/completions",
      "https://x.com/v1/, https://x.com/v1/chat/completions",
      "https://x.com/v1/chat/completions, https://x.com/v1/chat/completions",
      "https://api.groq.com/openai/v1, https://api.groq.com/openai/v1/chat/completions",
      "https://openrouter.ai/api, https://openrouter.ai/api/v1/chat/completions",
      "https://open.bigmodel.cn/api/paas/v4/, https://open.bigmodel.cn/api/paas/v4/chat/completions",
      "http://localhost:11434, http://localhost:11434/v1/chat/completions",
      "https://generativelanguage.googleapis.com/v1beta/openai, https://generativelanguage.googleapis.com/v1beta/openai/v1/chat/completions",
  })
  void baseUrlNormalisation(String base, String chat) {
    assertThat(EndpointConfig.of("t", base, "k").chatUri()).hasToString(chat);
  }

  @Test
  void modelsAndPathOverride() {
    EndpointConfig c = EndpointConfig.of("t", "https://x.com/", "k");
    assertThat(c.modelsUri()).hasToString("https://x.com/v1/models");
    assertThat(c.withChatPath("chat").chatUri()).hasToString("https://x.com/v1/chat");
    assertThat(c.withChatPath("/api/chat").chatUri()).hasToString("https://x.com/api/chat");
  }

  @Test
  void rejectsNonHttp() {
    assertThatThrownBy(() -> EndpointConfig.of("t", "ftp://x.com", "k"))
        .hasMessageContaining("http(s)://");
    assertThatThrownBy(() -> EndpointConfig.of("t", "x.com", "k"))
        .hasMessageContaining("http(s)://");
  }

  @Test
  void masks() {
    assertThat(Secrets.mask("sk-abcdefghijklmnop")).isEqualTo("sk-…mnop");
    assertThat(Secrets.mask("short")).isEqualTo("****");
    assertThat(EndpointConfig.of("t", "https://x.com", "sk-abcdefghijklmnop").toString())
        .doesNotContain("abcdefghijklmnop");
  }
}
