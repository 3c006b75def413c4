package org.ssechat.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.shell.core.command.CommandNotFoundException;
import org.springframework.shell.test.ShellScreen;
import org.springframework.shell.test.ShellTestClient;
import org.ssechat.client.Outcome;
import org.ssechat.session.Session;
import org.ssechat.testing.ContextTest;
import org.ssechat.testing.FakeBackend;

/** Command-level tests through Spring Shell's parser and executor ({@link ShellTestClient}). */
class ReplCommandsTest extends ContextTest {
  @Autowired
  ShellTestClient client;
  @Autowired
  FakeBackend backend;
  @Autowired
  Conversation conversation;

  @BeforeEach
  void fresh() throws Exception {
    backend.reset();
    conversation.switchTo(Session.fresh(null));
    client.sendCommand("/model m1");
  }

  private String run(String line) throws Exception {
    ShellScreen screen = client.sendCommand(line);
    return String.join("\n", screen.lines());
  }

  @Test
  void plainLinesAndWordsThatLookLikeCommandsAreMessages() throws Exception {
    assertThat(run("exit")).contains("answer 1.");
    assertThat(run("help me")).contains("answer 2.");
    assertThat(run("model")).contains("answer 3.");
    assertThat(FakeBackend.transcript(backend.lastRequest()))
        .containsExactly("user: exit", "assistant: answer 1.", "user: help me", "assistant: answer 2.",
            "user: model");
  }

  @Test
  void everyTurnCarriesTheWholeHistoryAndSystemPrompt() throws Exception {
    run("/system You are -terse and \"exact\".");
    run("first question");
    run("second question");
    assertThat(FakeBackend.transcript(backend.lastRequest())).containsExactly(
        "system: You are -terse and \"exact\".",
        "user: first question", "assistant: answer 1.",
        "user: second question");
    assertThat(backend.lastRequest().model()).isEqualTo("m1");
    assertThat(run("/system")).contains("You are -terse");
  }

  @Test
  void modelCommandChangesTheModelOfTheNextRequest() throws Exception {
    assertThat(run("/model")).isEqualTo("m1");
    run("/model fake-mini");
    run("hi");
    assertThat(backend.lastRequest().model()).isEqualTo("fake-mini");
    assertThat(run("/models")).contains("* fake-mini").contains("  fake-large");
    run("/chat --model other-model just this once");
    assertThat(backend.lastRequest().model()).isEqualTo("other-model");
    assertThat(run("/model")).isEqualTo("fake-mini");
  }

  @Test
  void undoDropsTheLastExchangeAndRetryAsksAgain() throws Exception {
    run("one");
    run("two");
    assertThat(run("/undo")).contains("dropped: two");
    run("three");
    assertThat(FakeBackend.transcript(backend.lastRequest()))
        .containsExactly("user: one", "assistant: answer 1.", "user: three");
    assertThat(run("/retry")).contains("answer 4.");
    assertThat(FakeBackend.transcript(backend.lastRequest()))
        .containsExactly("user: one", "assistant: answer 1.", "user: three");
    assertThat(conversation.session().turns()).hasSize(2);
    assertThat(conversation.session().last().answer()).isEqualTo("answer 4.");
  }

  @Test
  void saveAndLoadRoundTrip() throws Exception {
    run("/system be brief");
    run("remember 42");
    assertThat(run("/save my-chat")).contains("my-chat.json");
    run("/new");
    assertThat(conversation.session().turns()).isEmpty();
    assertThat(run("/sessions")).contains("my-chat").contains("1 exchanges");
    assertThat(run("/load my-chat")).contains("loaded my-chat (1 exchanges)");
    run("what number?");
    assertThat(FakeBackend.transcript(backend.lastRequest())).containsExactly(
        "system: be brief", "user: remember 42", "assistant: answer 1.", "user: what number?");
    assertThatThrownBy(() -> client.sendCommand("/load ../etc/passwd"))
        .rootCause().hasMessageContaining("invalid session name");
    // another conversation may not take my-chat's name: it stays as it was
    run("/new");
    run("something else");
    String other = conversation.session().name();
    assertThatThrownBy(() -> client.sendCommand("/save my-chat")).rootCause()
        .hasMessage("not saved: a session named my-chat exists (another conversation); choose "
            + "another name, or /load my-chat");
    assertThat(conversation.session().name()).isEqualTo(other);
    assertThat(conversation.store().load("my-chat").turns()).hasSize(2);
  }

  @Test
  void attachedFilesGoWithTheNextMessageOnly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path notes = dir.resolve("notes.md");
    Files.writeString(notes, "# Plan\n");
    java.nio.file.Path other = dir.resolve("b.txt");
    Files.writeString(other, "b\n");
    assertThat(run("/attach " + notes + " " + other)).contains("attached notes.md (text, 7 B)")
        .contains("attached b.txt (text, 2 B)");
    assertThat(run("/attachments")).contains("[1] notes.md (text, 7 B)")
        .contains("[2] b.txt (text, 2 B)");
    assertThat(run("/detach 2")).contains("dropped b.txt");
    assertThatThrownBy(() -> run("/detach 5")).rootCause()
        .hasMessage("no attachment 5 (there is 1)");
    run("summarise it");
    var sent = backend.lastRequest().messages();
    assertThat(sent.get(sent.size() - 1).attachments()).extracting(a -> a.name())
        .containsExactly("notes.md");
    assertThat(run("/attachments")).contains("(no attachments");
    assertThat(run("/history")).contains("you: summarise it").contains("+ notes.md (text, 7 B)");
    run("and now?");
    sent = backend.lastRequest().messages();
    assertThat(sent.get(sent.size() - 1).attachments()).isEmpty();
    assertThat(sent.get(sent.size() - 3).attachments()).hasSize(1); // history keeps it
    assertThatThrownBy(() -> run("/attach " + dir.resolve("missing.txt"))).rootCause()
        .hasMessageEndingWith("missing.txt: no such file");
  }

  @Test
  void everyTurnIsAutosaved() throws Exception {
    run("autosaved?");
    var file = conversation.store().dir().resolve(conversation.session().name() + ".json");
    assertThat(Files.readString(file)).contains("\"version\" : 2").contains("autosaved?")
        .contains("answer 1.");
  }

  @Test
  void historyShowsOutcomes() throws Exception {
    run("q");
    assertThat(conversation.session().last().outcome()).isEqualTo(Outcome.FINISHED);
    assertThat(run("/history")).contains("[1] you: q").contains("[1] fake-m1: answer 1.");
  }

  @Test
  void configStatsHelpAndRecord() throws Exception {
    assertThat(run("/config")).contains("model            m1").contains("api-key");
    run("x");
    assertThat(run("/stats")).contains("1 exchanges · 3 completion tokens");
    assertThat(run("/help")).contains("/model [NAME]").contains("/save NAME").contains("/exit");
    assertThat(run("/help model")).contains("/model [NAME]");
    assertThat(run("/model --help")).contains("Show or set the model");
    assertThat(run("/record on")).contains("recording to " + DIR.resolve("data").resolve("recordings"));
    assertThat(conversation.settings().record()).isTrue();
    run("/record off");
    assertThat(conversation.settings().record()).isFalse();
  }

  @Test
  void unknownCommandIsNotSentAsMessage() {
    assertThatThrownBy(() -> client.sendCommand("/nosuch thing"))
        .isInstanceOf(CommandNotFoundException.class);
    assertThat(backend.requests).isEmpty();
  }

  @Test
  void doubleSlashSendsAMessageStartingWithSlash() throws Exception {
    run("//usr/bin is a directory");
    assertThat(FakeBackend.transcript(backend.lastRequest())).containsExactly("user: /usr/bin is a directory");
  }

  @Test
  void replayRunsInsideTheReplAndServeIsRefusedThere() throws Exception {
    String events = run("/replay src/main/resources/recordings/openai-gpt4o-mini-text-usage.sse "
        + "--format events --speed max");
    assertThat(events).contains("{\"event\":\"message\",\"data\":\"[DONE]\",\"id\":null}");
    String summary = run("/replay src/main/resources/recordings/openai-gpt4o-mini-text-usage.sse "
        + "-f summary -s max --original-reads");
    assertThat(summary).contains("finish     stop");
    assertThatThrownBy(() -> run("/serve")).rootCause().hasMessageContaining("ssechat serve");
  }

  @Test
  void renderSwitchesBetweenMarkdownAndPlainAndCopyExplainsItself() throws Exception {
    assertThat(run("/render")).contains("answers: ").contains("(auto: ");
    try {
      assertThat(run("/render plain")).contains("answers: plain");
      assertThat(run("/render markdown")).contains("answers: markdown");
      assertThatThrownBy(() -> client.sendCommand("/render sparkly")).rootCause()
          .hasMessage("usage: /render markdown|plain|auto");
    } finally {
      run("/render auto");
    }
    assertThatThrownBy(() -> client.sendCommand("/copy")).rootCause()
        .hasMessage("nothing to copy: no answer yet");
    run("hello");
    assertThatThrownBy(() -> client.sendCommand("/copy 1")).rootCause()
        .hasMessage("no code block 1 (the last answer has 0)");
    assertThat(run("/copy")).contains("copied the last answer (9 bytes) via OSC 52");
    assertThat(RenderCommands.osc52("hi ✓".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .isEqualTo("\u001b]52;c;aGkg4pyT\u0007");
  }
}
