package org.ssechat.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ssechat.client.Cancellation;
import org.ssechat.client.ChatBackend;
import org.ssechat.client.ChatRequest;
import org.ssechat.client.ChatResult;
import org.ssechat.client.Outcome;
import org.ssechat.client.ResponseOptions;
import org.ssechat.client.ResponseStreamProcessor;
import org.ssechat.config.Settings;
import org.ssechat.config.SettingsHolder;
import org.ssechat.failure.ChatException;
import org.ssechat.session.Turn;

class ConversationTest {
  private static final String KEY = "sk-test-0123456789abcdef";

  private static final Settings SETTINGS = new Settings("custom", "http://127.0.0.1:9/v1", KEY,
      "bearer", "m", null, false, true, Path.of("c"), Path.of("d"), Duration.ofSeconds(1),
      Duration.ofSeconds(1), ResponseOptions.DEFAULTS, null, false,
      org.ssechat.chat.ChatStreamDecoder.Dialect.CHAT);

  private final Conversation conversation = new Conversation(new SettingsHolder(SETTINGS),
      s -> { throw new AssertionError("no backend needed"); }, handler -> () -> {}, false);

  /** Two REPLs autosaving one session: the second keeps its turns under a new name. */
  @Test
  void twoReplsOnOneSessionNeverDropEachOthersTurns(@org.junit.jupiter.api.io.TempDir Path home)
      throws Exception {
    Settings s = new Settings("custom", "http://127.0.0.1:9/v1", KEY, "bearer", "m", null, false,
        true, home.resolve("c"), home.resolve("d"), Duration.ofSeconds(1), Duration.ofSeconds(1),
        ResponseOptions.DEFAULTS, null, false, org.ssechat.chat.ChatStreamDecoder.Dialect.CHAT);
    org.ssechat.testing.FakeBackend fake = new org.ssechat.testing.FakeBackend();
    Conversation a = new Conversation(new SettingsHolder(s), x -> fake, h -> () -> {}, true);
    Conversation b = new Conversation(new SettingsHolder(s), x -> fake, h -> () -> {}, true);
    StringWriter out = new StringWriter();
    PrintWriter w = new PrintWriter(out);
    a.send("from a", w, w, false);
    String name = a.session().name();
    b.switchTo(b.store().load(name));
    b.send("from b", w, w, false);
    java.nio.file.Files.setLastModifiedTime(a.store().dir().resolve(name + ".json"),
        java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(5)));
    a.send("again from a", w, w, false);
    assertThat(out.toString()).contains("session " + name + " was changed by another ssechat")
        .contains("nothing was overwritten: this conversation continues as " + a.session().name());
    assertThat(a.session().name()).isNotEqualTo(name);
    assertThat(a.store().load(name).turns()).extracting(Turn::user)
        .containsExactly("from a", "from b");
    assertThat(a.store().load(a.session().name()).turns()).extracting(Turn::user)
        .containsExactly("from a", "again from a");
  }

  /** A backend that breaks its contract and throws still gives one error line and a kept turn. */
  @Test
  void aThrowingBackendGivesOneErrorLine() {
    ChatBackend broken = new ChatBackend() {
      @Override
      public ChatResult stream(ChatRequest request, ResponseStreamProcessor response,
          Cancellation cancel) {
        throw new IllegalStateException("boom\n\tat some.Frame(Frame.java:1)");
      }

      @Override
      public List<String> models() {
        return List.of();
      }

      @Override
      public String describe() {
        return "broken";
      }
    };
    Conversation c = new Conversation(new SettingsHolder(SETTINGS), s -> broken, h -> () -> {}, false);
    StringWriter out = new StringWriter();
    Turn turn = c.send("hi", new PrintWriter(out), new PrintWriter(out), false);
    assertThat(turn.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(turn.error()).isEqualTo("IllegalStateException: boom");
    assertThat(out.toString()).contains("error: IllegalStateException: boom").doesNotContain("\tat ");
    assertThat(c.session().turns()).hasSize(1);
  }

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

  /** A file holding the key is never queued: it would be sent and saved in the session. */
  @Test
  void attachmentsContainingTheKeyAreRefused(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path env = dir.resolve(".env");
    java.nio.file.Files.writeString(env, "OPENAI_API_KEY=" + KEY + "\n");
    assertThatThrownBy(() -> conversation.attach(env)).isInstanceOf(ChatException.class)
        .hasMessage("not attached: .env contains your API key");
    Path png = dir.resolve("shot.png");
    byte[] head = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    java.nio.file.Files.write(png, concat(head, ("tEXt" + KEY).getBytes()));
    assertThatThrownBy(() -> conversation.attach(png)).isInstanceOf(ChatException.class)
        .hasMessageContaining("shot.png contains your API key");
    Path fine = dir.resolve("notes.txt");
    java.nio.file.Files.writeString(fine, "sk-test-0123 is only a prefix");
    conversation.attach(fine);
    assertThat(conversation.attachments()).extracting(a -> a.name()).containsExactly("notes.txt");
    org.ssechat.client.Attachment leaked = org.ssechat.client.Attachment.load(env);
    assertThatThrownBy(() -> conversation.attachAgain(List.of(leaked)))
        .isInstanceOf(ChatException.class);
    assertThat(conversation.attachments()).hasSize(1);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
