package org.ssechat.repl;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jline.reader.LineReader;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.jline.CommandCompleter;
import org.ssechat.client.Outcome;
import org.ssechat.offline.OfflineBackend;
import org.ssechat.replay.BundledRecordingsGenerator;
import org.ssechat.replay.NoMatchAnswer;
import org.ssechat.replay.PacingClock;
import org.ssechat.replay.RecordingLibrary;
import org.ssechat.replay.Speed;
import org.ssechat.session.Session;
import org.ssechat.session.Turn;
import org.ssechat.testing.ContextTest;
import org.ssechat.testing.FakeBackend;
import org.ssechat.testing.FeedInput;
import org.ssechat.testing.TestBeans;

/**
 * The REPL loop over a JLine {@link org.jline.terminal.impl.DumbTerminal} on piped streams: typed
 * keys in, screen text out (the pattern of JLine's own ReaderTestSupport).
 */
class ChatReplTest extends ContextTest {
  @Autowired
  Terminal terminal;
  @Autowired
  FeedInput keys;
  @Autowired
  TestBeans.Screen screen;
  @Autowired
  FakeBackend backend;
  @Autowired
  Conversation conversation;
  @Autowired
  CommandParser parser;
  @Autowired
  CommandRegistry registry;
  @Autowired
  CommandCompleter completer;
  @Autowired
  ReplCommands commands;

  private Thread loop;
  private LineReader reader;

  @BeforeEach
  void start() {
    backend.reset();
    keys.clear();
    screen.reset();
    conversation.switchTo(Session.fresh(null));
    conversation.settingsHolder().update(s -> s.withModel("m1"));
    reader = ReplReaders.create(terminal, completer, new DefaultHistory(), null);
    ChatRepl repl = new ChatRepl(reader, parser, registry, commands, false);
    loop = new Thread(() -> repl.run("BANNER"), "repl");
    loop.setDaemon(true);
    loop.start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    if (loop.isAlive()) {
      keys.type("/exit\r");
      loop.join(5000);
    }
    assertThat(loop.isAlive()).as("REPL ended").isFalse();
  }

  private void awaitScreen(String text) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!screen.text().contains(text)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("screen never showed \"" + text + "\"; it shows:\n" + screen.text());
      }
      Thread.sleep(10);
    }
  }

  /** Waits until {@code text} is on the screen {@code times} times. */
  private void awaitScreen(String text, int times) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (screen.text().split(java.util.regex.Pattern.quote(text), -1).length - 1 < times) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("screen never showed \"" + text + "\" " + times + " times:\n"
            + screen.text());
      }
      Thread.sleep(10);
    }
  }

  private void awaitRequests(int n) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (backend.requests.size() < n || conversation.session().turns().size() < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + backend.requests.size() + " requests; screen:\n" + screen.text());
      }
      Thread.sleep(10);
    }
  }

  @Test
  void typedMessagesStreamAndCarryHistory() throws Exception {
    awaitScreen("BANNER");
    keys.type("hello\r");
    awaitScreen("answer 1.");
    keys.type("again\r");
    awaitRequests(2);
    awaitScreen("answer 2.");
    assertThat(FakeBackend.transcript(backend.lastRequest()))
        .containsExactly("user: hello", "assistant: answer 1.", "user: again");
    assertThat(screen.text()).contains("fake-m1 · 3 tok · TTFT 0.01 s").contains("finished (stop)");
  }

  /** The offline provider in the real REPL: each prompt gets the recording that answers it. */
  @Test
  void offlinePromptsGetTheirRecordedAnswerOrAPlainNoRecordedAnswer() throws Exception {
    RecordingLibrary lib = RecordingLibrary.bundled();
    backend.delegateTo(new OfflineBackend(lib, Speed.MAX, 0, PacingClock.SYSTEM));
    awaitScreen("BANNER");
    String[][] cases = {
        {"周树人和鲁迅是兄弟吗？", BundledRecordingsGenerator.LUXUN_TEXT}, // exact
        {"周树人和鲁迅是兄弟吗?", BundledRecordingsGenerator.LUXUN_TEXT}, // half-width ?
        {"WHY IS THE SKY BLUE", BundledRecordingsGenerator.SKY_TEXT}, // case, punctuation
        {"Ｗｈｙ ｉｓ  ｔｈｅ ｓｋｙ ｂｌｕｅ？", BundledRecordingsGenerator.SKY_TEXT}, // full width, spaces
        {"周树人和鲁迅是不是兄弟？", BundledRecordingsGenerator.LUXUN_TEXT}, // near
        {"what is the capital of France?", NoMatchAnswer.text(lib)}}; // unmatched
    for (int i = 0; i < cases.length; i++) {
      keys.type(cases[i][0] + "\r");
      awaitRequests(i + 1);
      awaitScreen("finished (stop)", i + 1);
      assertThat(conversation.session().last().answer()).as(cases[i][0]).isEqualTo(cases[i][1]);
    }
    assertThat(conversation.session().turns().get(0).reasoning()).contains("笔名");
    assertThat(screen.text()).contains("周作人").contains("No recorded answer for this prompt.")
        .contains("SSECHAT_API_KEY").doesNotContain("London");
  }

  @Test
  void ctrlCAtThePromptClearsTheLineAndKeepsTheShell() throws Exception {
    awaitScreen("BANNER");
    keys.type("half typed\u0003");
    keys.type("real message\r");
    awaitRequests(1);
    assertThat(FakeBackend.transcript(backend.lastRequest())).containsExactly("user: real message");
    keys.type("\u0003\u0003");
    keys.type("still here\r");
    awaitRequests(2);
    assertThat(loop.isAlive()).isTrue();
  }

  @Test
  void ctrlCDuringAnAnswerCancelsItFastAndKeepsThePartialAnswer() throws Exception {
    awaitScreen("BANNER");
    backend.stallAfter(b -> terminal.raise(Terminal.Signal.INT));
    keys.type("long answer please\r");
    awaitScreen("interrupted (partial answer kept)");
    assertThat(Duration.ofNanos(backend.cancelLatencyNanos)).isBetween(Duration.ZERO, Duration.ofMillis(100));
    Turn t = conversation.session().last();
    assertThat(t.outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(t.interrupted()).isTrue();
    assertThat(t.answer()).isEqualTo("answer 1");
    keys.type("next\r");
    awaitRequests(2);
    // the partial answer is part of the context, as the user saw it
    assertThat(FakeBackend.transcript(backend.lastRequest()))
        .containsExactly("user: long answer please", "assistant: answer 1", "user: next");
  }

  /** Types {@code keys} and checks that exactly one message, {@code expected}, was sent. */
  private void assertSentOneMessage(String keys, String expected) throws Exception {
    awaitScreen("BANNER");
    this.keys.type(keys);
    awaitRequests(1);
    assertThat(backend.requests).hasSize(1);
    assertThat(FakeBackend.transcript(backend.lastRequest())).containsExactly("user: " + expected);
  }

  @Test
  void bracketedPasteKeepsNewlinesInOneMessage() throws Exception {
    assertSentOneMessage("\u001b[200~line one\nline two\rline three\u001b[201~\r",
        "line one\nline two\nline three");
  }

  @Test
  void tripleQuoteBlockSpansLines() throws Exception {
    assertSentOneMessage("\"\"\"\rfirst\r\rsecond \"quoted\"\r\"\"\"\r", "first\n\nsecond \"quoted\"");
  }

  @Test
  void altEnterInsertsANewline() throws Exception {
    assertSentOneMessage("top\u001b\rbottom\r", "top\nbottom");
  }

  @Test
  void tabCompletesSlashCommands() throws Exception {
    awaitScreen("BANNER");
    keys.type("/reas\t show\r");
    awaitScreen("reasoning shown");
    keys.type("/model fake-m\t\r");
    awaitScreen("model: fake-mini");
    assertThat(conversation.settings().model()).isEqualTo("fake-mini");
    keys.type("/model m1\r");
    awaitScreen("model: m1");
  }

  @Test
  void errorsAreOneLineAndTheShellGoesOn() throws Exception {
    awaitScreen("BANNER");
    keys.type("/load no-such-session\r");
    awaitScreen("no session named 'no-such-session'");
    keys.type("/nosuch\r");
    awaitScreen("unknown command /nosuch");
    keys.type("/retry\r");
    awaitScreen("nothing to retry");
    assertThat(screen.text()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void ctrlDQuits() throws Exception {
    awaitScreen("BANNER");
    keys.type("\u0004");
    loop.join(5000);
    assertThat(loop.isAlive()).isFalse();
  }
}
