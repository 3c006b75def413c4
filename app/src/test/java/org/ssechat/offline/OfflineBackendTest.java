package org.ssechat.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ssechat.chat.ChatDeltaListener;
import org.ssechat.client.Cancellation;
import org.ssechat.client.ChatBackend;
import org.ssechat.client.ChatMessage;
import org.ssechat.client.ChatRequest;
import org.ssechat.client.ChatResult;
import org.ssechat.client.Outcome;
import org.ssechat.client.RecordingBackend;
import org.ssechat.record.Recording;
import org.ssechat.record.RecordingSidecar;
import org.ssechat.record.RecordingWriter;
import org.ssechat.replay.BundledRecordingsGenerator;
import org.ssechat.replay.Expected;
import org.ssechat.replay.NoMatchAnswer;
import org.ssechat.replay.PacingClock;
import org.ssechat.replay.RecordingLibrary;
import org.ssechat.replay.RecordingStreams;
import org.ssechat.replay.Speed;
import org.ssechat.testing.DialectSamples;

class OfflineBackendTest {

  private static ChatRequest ask(String model, String prompt) {
    return ChatRequest.of(model, List.of(ChatMessage.system("be brief"),
        ChatMessage.user(prompt)));
  }

  /** Collects content deltas and counts them. */
  static final class Collect implements ChatDeltaListener {
    final StringBuilder content = new StringBuilder();
    volatile int deltas;
    final CountDownLatch first = new CountDownLatch(1);

    @Override
    public void onContent(int choice, char[] text, int off, int len) {
      content.append(text, off, len);
      deltas++;
      first.countDown();
    }
  }

  /** {@code /record on} works offline too: the recording replays to the same answer. */
  @Test
  void offlineAnswersAreRecordedLikeLiveOnes(@TempDir Path dir) throws Exception {
    ChatBackend b = new RecordingBackend(new OfflineBackend(RecordingLibrary.bundled(), Speed.MAX,
        0, PacingClock.SYSTEM), dir, null);
    ChatResult live = b.stream(ask(BundledRecordingsGenerator.WELCOME, "hi"),
        new ChatDeltaListener() {}, new Cancellation());
    List<Path> files;
    try (var list = Files.list(dir)) {
      files = list.sorted().toList();
    }
    assertThat(files).hasSize(2);
    Path sse = files.get(0);
    assertThat(sse.getFileName().toString()).endsWith("-" + BundledRecordingsGenerator.WELCOME
        + ".sse");
    assertThat(RecordingSidecar.read(RecordingWriter.sidecarOf(sse)).exchange().status())
        .isEqualTo(200);
    ChatResult replayed = RecordingStreams.decode(Recording.load(sse), "m");
    assertThat(replayed.content()).isEqualTo(live.content())
        .isEqualTo(BundledRecordingsGenerator.WELCOME_TEXT);
    assertThat(replayed.outcome()).isEqualTo(live.outcome()).isEqualTo(Outcome.FINISHED);
  }

  @Test
  void streamsTheWelcomeVisiblyButWithinTwoSeconds() {
    OfflineBackend b = new OfflineBackend();
    Collect got = new Collect();
    long t0 = System.nanoTime();
    ChatResult r = b.stream(ask(BundledRecordingsGenerator.WELCOME, "hi"), got,
        new Cancellation());
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(r.outcome()).isEqualTo(Outcome.FINISHED);
    assertThat(r.content()).isEqualTo(BundledRecordingsGenerator.WELCOME_TEXT);
    assertThat(got.content.toString()).isEqualTo(BundledRecordingsGenerator.WELCOME_TEXT);
    assertThat(got.deltas).isGreaterThan(50);
    assertThat(r.finishReason()).isEqualTo("stop");
    assertThat(r.usage()).isNotNull();
    assertThat(r.metrics().timeToFirstTokenMs()).isLessThan(r.metrics().totalMs());
    assertThat(ms).isBetween(1000L, 2800L);
  }

  @Test
  void everyBundledRecordingAnswersWithItsRecordedContent() {
    RecordingLibrary lib = RecordingLibrary.bundled();
    OfflineBackend b = new OfflineBackend(lib, Speed.MAX, 2000, PacingClock.SYSTEM);
    for (String name : lib.names()) {
      Expected e = Expected.of(name);
      ChatResult r = b.stream(ask(name, "anything"), new ChatDeltaListener() {},
          new Cancellation());
      assertThat(r.content()).as(name).isEqualTo(e.content());
      assertThat(r.reasoning()).as(name).isEqualTo(e.reasoning());
      assertThat(r.finishReason()).as(name).isEqualTo(e.finishReason());
    }
  }

  @Test
  void thePromptPicksTheRecordingThatAnswersIt() {
    RecordingLibrary lib = RecordingLibrary.bundled();
    OfflineBackend b = new OfflineBackend(lib, Speed.MAX, 2000, PacingClock.SYSTEM);
    String[][] cases = {
        {"周树人和鲁迅是兄弟吗？", BundledRecordingsGenerator.LUXUN, "EXACT"},
        {"周树人和鲁迅是兄弟吗?", BundledRecordingsGenerator.LUXUN, "EXACT"},
        {"  周树人 和 鲁迅 是兄弟吗  ", BundledRecordingsGenerator.LUXUN, "EXACT"},
        {"周树人和鲁迅是不是兄弟？", BundledRecordingsGenerator.LUXUN, "NEAR"},
        {"WHY IS THE SKY BLUE", BundledRecordingsGenerator.SKY, "EXACT"},
        {"Ｗｈｙ ｉｓ ｔｈｅ ｓｋｙ ｂｌｕｅ？", BundledRecordingsGenerator.SKY, "EXACT"},
        {"Why is the sky so blue?", BundledRecordingsGenerator.SKY, "NEAR"},
        {"how do i reverse a string in java", BundledRecordingsGenerator.CODE, "EXACT"},
        {"Compare the HTTP methods GET, POST, PUT, PATCH, DELETE in a table",
            BundledRecordingsGenerator.TABLE, "NEAR"},
        {"hello!", BundledRecordingsGenerator.WELCOME, "EXACT"},
        {"你好！", BundledRecordingsGenerator.CHINESE, "EXACT"}};
    for (String[] c : cases) {
      RecordingLibrary.Match m = b.recordingFor(ask("gpt-4o-mini", c[0]));
      assertThat(m.name()).as(c[0]).isEqualTo(c[1]);
      assertThat(m.kind()).as(c[0]).hasToString(c[2]);
      ChatResult r = b.stream(ask("gpt-4o-mini", c[0]), new ChatDeltaListener() {},
          new Cancellation());
      Expected e = Expected.of(c[1]);
      assertThat(r.content()).as(c[0]).isEqualTo(e.content());
      assertThat(r.reasoning()).as(c[0]).isEqualTo(e.reasoning());
      assertThat(r.outcome()).isEqualTo(Outcome.FINISHED);
    }
  }

  @Test
  void theDocsExampleQuestionGetsTheRightAnswerWithReasoningAndUsage() {
    ChatResult r = new OfflineBackend(RecordingLibrary.bundled(), Speed.MAX, 2000,
        PacingClock.SYSTEM).stream(ask("gpt-4o-mini", "周树人和鲁迅是兄弟吗？"),
        new ChatDeltaListener() {}, new Cancellation());
    assertThat(r.outcome()).isEqualTo(Outcome.FINISHED);
    assertThat(r.content()).isEqualTo(BundledRecordingsGenerator.LUXUN_TEXT)
        .contains("同一个人", "周作人", "周建人").doesNotContain("London");
    assertThat(r.reasoning()).contains("笔名");
    assertThat(r.finishReason()).isEqualTo("stop");
    assertThat(r.usage()).isNotNull();
  }

  @Test
  void anUnmatchedPromptGetsAPlainNoRecordedAnswerNeverAnUnrelatedRecording() {
    RecordingLibrary lib = RecordingLibrary.bundled();
    OfflineBackend b = new OfflineBackend(lib, Speed.MAX, 2000, PacingClock.SYSTEM);
    for (String prompt : new String[] {"what is the capital of France?", "hi", "鲁迅是谁？", ""}) {
      assertThat(b.recordingFor(ask("gpt-4o-mini", prompt)).found()).as(prompt).isFalse();
      Collect got = new Collect();
      ChatResult r = b.stream(ask("gpt-4o-mini", prompt), got, new Cancellation());
      assertThat(r.outcome()).isEqualTo(Outcome.FINISHED);
      assertThat(r.finishReason()).isEqualTo("stop");
      assertThat(r.content()).isEqualTo(NoMatchAnswer.text(lib))
          .isEqualTo(got.content.toString());
      assertThat(got.deltas).isGreaterThan(20);
    }
    String text = NoMatchAnswer.text(lib);
    assertThat(text).startsWith("**No recorded answer for this prompt.**")
        .contains("offline mode", "SSECHAT_API_KEY", "--provider", "docs/usage.md", "/models",
            "Questions I can answer offline:\n")
        .doesNotContain("London");
    for (String prompt : lib.prompts().values()) {
      assertThat(text).contains("\n- " + prompt + "\n");
    }
    assertThat(text).contains("- 周树人和鲁迅是兄弟吗？\n", "- Why is the sky blue?\n");
  }

  @Test
  void theNoRecordedAnswerStreamsVisiblyWithinTwoSeconds() {
    Collect got = new Collect();
    long t0 = System.nanoTime();
    ChatResult r = new OfflineBackend().stream(ask("gpt-4o-mini", "what is the capital of France?"),
        got, new Cancellation());
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(r.content()).startsWith(NoMatchAnswer.HEADLINE);
    assertThat(r.usage()).isNotNull();
    assertThat(r.metrics().timeToFirstTokenMs()).isLessThan(r.metrics().totalMs());
    assertThat(ms).isBetween(1000L, 2800L);
  }

  @Test
  void cancelMidStreamReturnsWithin100msWithThePartialAnswer() throws Exception {
    OfflineBackend b = new OfflineBackend();
    Collect got = new Collect();
    Cancellation cancel = new Cancellation();
    CompletableFuture<ChatResult> f = CompletableFuture.supplyAsync(() ->
        b.stream(ask(BundledRecordingsGenerator.WELCOME, "hi"), got, cancel));
    assertThat(got.first.await(5, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(300);
    long t0 = System.nanoTime();
    cancel.cancel();
    ChatResult r = f.get(5, TimeUnit.SECONDS);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(ms).isLessThan(100);
    assertThat(r.outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(r.content()).isNotEmpty();
    assertThat(BundledRecordingsGenerator.WELCOME_TEXT).startsWith(r.content());
    assertThat(r.content().length()).isLessThan(BundledRecordingsGenerator.WELCOME_TEXT.length());
  }

  @Test
  void modelsAndDescription() {
    OfflineBackend b = new OfflineBackend();
    assertThat(b.models()).isEqualTo(RecordingLibrary.bundled().names())
        .contains(BundledRecordingsGenerator.WELCOME);
    assertThat(b.describe()).isEqualTo("offline (bundled recordings)");
  }

  /**
   * A recording in another dialect is decoded as what it is, whatever {@code --api} says: the
   * offline provider plays what the recording holds.
   */
  @Test
  void messagesAndResponsesRecordingsAreDecodedInTheirOwnDialect(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("claude-native.sse"), DialectSamples.MESSAGES);
    Files.writeString(dir.resolve("gpt-responses.sse"), DialectSamples.RESPONSES);
    OfflineBackend b = new OfflineBackend(RecordingLibrary.directory(dir), Speed.MAX, 0,
        PacingClock.SYSTEM);
    Collect claude = new Collect();
    ChatResult c = b.stream(ask("claude-native", "?"), claude, new Cancellation());
    assertThat(claude.content).hasToString(DialectSamples.MESSAGES_TEXT);
    assertThat(c.outcome()).isEqualTo(Outcome.FINISHED);
    assertThat(c.finishReason()).isEqualTo("end_turn");
    assertThat(c.model()).isEqualTo("claude-x");
    ChatResult r = b.stream(ask("gpt-responses", "?"), new ChatDeltaListener() {},
        new Cancellation());
    assertThat(r.content()).isEqualTo(DialectSamples.RESPONSES_TEXT);
    assertThat(r.reasoning()).isEqualTo("Short.");
    assertThat(r.outcome()).isEqualTo(Outcome.FINISHED);
    assertThat(r.usage().completionTokens()).isEqualTo(5);
  }
}
