package org.ssechat.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssechat.chat.ToolCall;
import org.ssechat.chat.Usage;
import org.ssechat.client.ChatMessage;
import org.ssechat.client.Metrics;
import org.ssechat.client.Outcome;
import org.ssechat.failure.ChatException;

class SessionStoreTest {
  @TempDir
  Path dir;

  private static Turn turn(String user, String answer, Outcome outcome) {
    return new Turn(user, answer, "thought", List.of(new ToolCall(0, "call_1", "lookup", "{\"q\":1}")),
        "m", outcome, outcome == Outcome.FINISHED ? "stop" : null,
        outcome == Outcome.FINISHED ? null : "why", new Usage(1, 2, 3, -1),
        new Metrics(1, 2, 3, 4, 5, 6, 7, true), "2026-11-24T00:00:00Z", List.of());
  }

  @Test
  void roundTripKeepsEverything() {
    SessionStore store = new SessionStore(dir, null);
    Session s = new Session("t1", "2026-11-24T00:00:00Z", "be brief",
        List.of(turn("q1", "a1", Outcome.FINISHED), turn("q2", "partial", Outcome.CANCELLED)));
    store.save(s);
    Session back = store.load("t1");
    assertThat(back.system()).isEqualTo("be brief");
    assertThat(back.turns()).isEqualTo(s.turns());
    assertThat(back.last().interrupted()).isTrue();
    assertThat(store.list()).extracting(SessionStore.Info::name, SessionStore.Info::turns)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("t1", 2));
  }

  @Test
  void overwriteLeavesNoTempFiles() throws Exception {
    SessionStore store = new SessionStore(dir, null);
    Session s = Session.fresh(null);
    for (int i = 0; i < 5; i++) {
      s.add(turn("q" + i, "a" + i, Outcome.FINISHED));
      store.save(s);
    }
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(s.name() + ".json");
    }
    assertThat(store.load(s.name()).turns()).hasSize(5);
  }

  @Test
  void formatIsVersionedAndNewerVersionsAreRefused() throws Exception {
    SessionStore store = new SessionStore(dir, null);
    store.save(new Session("v", "2026-11-24T00:00:00Z", null, List.of()));
    String json = Files.readString(dir.resolve("v.json"));
    assertThat(json).contains("\"format\" : \"ssechat-session\"").contains("\"version\" : 2");
    Files.writeString(dir.resolve("v.json"), json.replace("\"version\" : 2", "\"version\" : 3"));
    assertThatThrownBy(() -> store.load("v")).isInstanceOf(ChatException.class)
        .hasMessageContaining("unsupported version 3");
    Files.writeString(dir.resolve("broken.json"), "{\"version\": 1, \"turns\": [");
    assertThatThrownBy(() -> store.load("broken")).isInstanceOf(ChatException.class)
        .hasMessageContaining("is not valid");
    assertThat(store.list()).extracting(SessionStore.Info::name).contains("broken", "v");
  }

  @Test
  void theSecretIsRedacted() throws Exception {
    SessionStore store = new SessionStore(dir, "sk-secret-123456");
    Session s = new Session("k", "2026-11-24T00:00:00Z", "key sk-secret-123456", List.of());
    store.save(s);
    assertThat(Files.readString(dir.resolve("k.json"))).doesNotContain("sk-secret-123456").contains("<redacted>");
  }

  @Test
  void namesCannotEscapeTheDirectory() {
    SessionStore store = new SessionStore(dir, null);
    for (String bad : List.of("../x", "a/b", ".hidden", "", "x y")) {
      assertThatThrownBy(() -> store.load(bad)).isInstanceOf(ChatException.class)
          .hasMessageContaining("invalid session name");
    }
    assertThatThrownBy(() -> store.load("missing")).hasMessageContaining("no session named 'missing'");
  }

  @Test
  void contextSkipsFailedTurnsButKeepsPartialAnswers() {
    Session s = new Session("c", "t", "sys", List.of(
        turn("ok", "answer", Outcome.FINISHED),
        turn("failed", "", Outcome.ERROR),
        turn("stopped", "half", Outcome.CANCELLED)));
    assertThat(s.messagesFor("next")).extracting(ChatMessage::role, ChatMessage::content).containsExactly(
        org.assertj.core.groups.Tuple.tuple("system", "sys"),
        org.assertj.core.groups.Tuple.tuple("user", "ok"),
        org.assertj.core.groups.Tuple.tuple("assistant", "answer"),
        org.assertj.core.groups.Tuple.tuple("user", "stopped"),
        org.assertj.core.groups.Tuple.tuple("assistant", "half"),
        org.assertj.core.groups.Tuple.tuple("user", "next"));
  }
}
