package org.ssechat.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.ssechat.client.ChatException;
import org.ssechat.config.Settings;
import org.ssechat.config.SettingsHolder;

class ConversationTest {
  private static final String KEY = "sk-test-0123456789abcdef";

  private final Conversation conversation = new Conversation(new SettingsHolder(new Settings(
      "custom", "http://127.0.0.1:9/v1", KEY, "bearer", "m", null, false, true, Path.of("c"),
      Path.of("d"), Duration.ofSeconds(1), Duration.ofSeconds(1))),
      s -> { throw new AssertionError("no backend needed"); }, handler -> () -> {}, false);

  /** {@code /system} and {@code chat --system} both go through here. */
  @Test
  void aSystemPromptWithTheKeyIsRefusedAndTheOldOneKept() {
    conversation.setSystem("be brief");
    assertThatThrownBy(() -> conversation.setSystem("remember " + KEY))
        .isInstanceOf(ChatException.class).hasMessageContaining("contains your API key")
        .hasMessageNotContaining(KEY);
    assertThat(conversation.session().system()).isEqualTo("be brief");
    conversation.setSystem(null);
    assertThat(conversation.session().system()).isNull();
  }
}
