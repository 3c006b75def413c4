package org.ssechat.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ssechat.chat.ChatDeltaListener;
import org.ssechat.record.RecordedExchange;
import org.ssechat.sse.SseLimits;

class ResponseStreamProcessorTest {

  static byte[] corpus(String name) {
    try (InputStream in = ResponseStreamProcessorTest.class.getResourceAsStream("/corpus/" + name)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static ResponseStreamProcessor processor(SseLimits limits) {
    return new ResponseStreamProcessor("asked-model", new ChatDeltaListener() {}, limits,
        System.nanoTime());
  }

  static ChatResult run(byte[] body, int readSize) {
    ResponseStreamProcessor p = processor(SseLimits.DEFAULTS);
    Demand d = Demand.MORE;
    for (int i = 0; i < body.length && d != Demand.STOP; i += readSize) {
      d = p.feed(ByteBuffer.wrap(body, i, Math.min(readSize, body.length - i)), System.nanoTime());
    }
    return p.finish();
  }

  /** A processor that has been fed {@code body} in one read. */
  static ResponseStreamProcessor fed(String body) {
    ResponseStreamProcessor p = processor(SseLimits.DEFAULTS);
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    p.feed(b, 0, b.length, System.nanoTime());
    return p;
  }

  static ChatResult run(String body) {
    return run(body.getBytes(StandardCharsets.UTF_8), 7);
  }

  @Test
  void finishedStreamWithUsage() {
    ChatResult r = run(corpus("openai-gpt4o-mini-text-usage.sse"), 64);
    assertThat(r.outcome()).isEqualTo(Outcome.FINISHED);
    assertThat(r.error()).isNull();
    assertThat(r.finishReason()).isEqualTo("stop");
    assertThat(r.model()).isEqualTo("gpt-4o-mini-2024-07-18");
    assertThat(r.content()).isNotEmpty();
    assertThat(r.metrics().tokensFromUsage()).isTrue();
    assertThat(r.metrics().completionTokens()).isEqualTo(r.usage().completionTokens());
    assertThat(r.metrics().events()).isEqualTo(12);
    assertThat(r.metrics().bytes()).isEqualTo(3825);
    assertThat(r.metrics().reads()).isEqualTo((3825 + 63) / 64);
    assertThat(r.metrics().timeToFirstByteMs()).isGreaterThanOrEqualTo(0);
    assertThat(r.metrics().timeToFirstTokenMs()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void resultDoesNotDependOnReadSize() {
    byte[] body = corpus("deepseek-reasoner-reasoning-content-emoji.sse");
    ChatResult whole = run(body, body.length);
    ChatResult bytewise = run(body, 1);
    assertThat(bytewise.content()).isEqualTo(whole.content()).contains("\uD83D\uDE0A");
    assertThat(bytewise.reasoning()).isEqualTo(whole.reasoning()).startsWith("Hmm, the user just said");
    assertThat(bytewise.outcome()).isEqualTo(whole.outcome()).isEqualTo(Outcome.FINISHED);
  }

  @Test
  void inStreamErrorObjectIsErrorWithItsMessage() {
    ChatResult r = run(corpus("openai-gpt41-midstream-error-object.sse"), 100);
    assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.error()).contains("The server had an error while processing your request")
        .contains("server_error").doesNotContain("\n");
    assertThat(r.content()).endsWith(" question \"");
  }

  @Test
  void errorWinsEvenIfDoneFollows() {
    ChatResult r = run("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n"
        + "event: error\ndata: {\"error\":{\"message\":\"upstream died\",\"type\":\"x\"}}\n\n"
        + "data: [DONE]\n\n");
    assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.error()).contains("upstream died");
    assertThat(r.content()).isEqualTo("Hi");
  }

  @Test
  void doneWithoutFinishReasonIsTruncated() {
    ChatResult r = run(corpus("snowflake-cortex-claude-no-finish-reason.sse"), 333);
    assertThat(r.outcome()).isEqualTo(Outcome.TRUNCATED);
    assertThat(r.error()).startsWith("stream ended without finish_reason").contains("[DONE]");
    assertThat(r.usage().completionTokens()).isEqualTo(73);
  }

  @Test
  void eofWithoutDoneIsTruncatedAndMentionsDiscardedTail() {
    ChatResult r = run("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\n"
        + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"}}]}");
    assertThat(r.outcome()).isEqualTo(Outcome.TRUNCATED);
    assertThat(r.content()).isEqualTo("Hel");
    assertThat(r.error()).contains("without finish_reason").contains("unterminated");
  }

  @Test
  void malformedEventsAreWarnings() {
    ChatResult r = run("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n"
        + "data: {not json\n\n"
        + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n");
    assertThat(r.outcome()).isEqualTo(Outcome.FINISHED);
    assertThat(r.warnings()).singleElement().asString().startsWith("skipped 1 malformed event(s): ");
    assertThat(r.metrics().completionTokens()).isEqualTo(1);
    assertThat(r.metrics().tokensFromUsage()).isFalse();
  }

  @Test
  void lineOverLimitKeepsPartialAnswer() {
    ResponseStreamProcessor p = processor(new SseLimits(100, 1000));
    byte[] ok = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"kept\"}}]}\n\n"
        .getBytes(StandardCharsets.UTF_8);
    assertThat(p.feed(ok, 0, ok.length, System.nanoTime())).isEqualTo(Demand.MORE);
    byte[] big = ("data: " + "x".repeat(500) + "\n\n").getBytes(StandardCharsets.UTF_8);
    assertThat(p.feed(big, 0, big.length, System.nanoTime())).isEqualTo(Demand.STOP);
    ChatResult r = p.finish();
    assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.error()).contains("longer than 100 bytes").contains("partial answer kept");
    assertThat(r.content()).isEqualTo("kept");
  }

  @Test
  void transportFailureAfterFinishIsOnlyAWarning() {
    ResponseStreamProcessor p = fed(
        "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"},\"finish_reason\":\"stop\"}]}\n\n");
    ChatResult r = p.fail("connection lost");
    assertThat(r.outcome()).isEqualTo(Outcome.FINISHED);
    assertThat(r.warnings()).contains("connection lost");
  }

  @Test
  void cancelledKeepsPartial() {
    ResponseStreamProcessor p =
        fed("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}\n\n");
    ChatResult r = p.cancelled();
    assertThat(r.outcome()).isEqualTo(Outcome.CANCELLED);
    assertThat(r.content()).isEqualTo("x");
    assertThat(r.error()).isEqualTo("cancelled — partial answer kept");
  }

  @Test
  void aFailureBeforeAnyAnswerDoesNotClaimAPartialAnswer() {
    ResponseStreamProcessor p = fed(": keep-alive\n\n");
    assertThat(p.fail("no data for 1s (idle timeout)").error())
        .isEqualTo("no data for 1s (idle timeout)");
    assertThat(fed("").cancelled().error()).isEqualTo("cancelled");
  }

  @Test
  void doneAsksTheSourceToLingerOnly() {
    ResponseStreamProcessor p = processor(SseLimits.DEFAULTS);
    byte[] b = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);
    assertThat(p.feed(b, 0, b.length, System.nanoTime())).isEqualTo(Demand.LINGER);
  }

  @Test
  void theTapSeesEveryByteOnceInOrderAndEndsWithTheProcessor() {
    ResponseStreamProcessor p = processor(SseLimits.DEFAULTS);
    java.io.ByteArrayOutputStream seen = new java.io.ByteArrayOutputStream();
    List<String> calls = new java.util.ArrayList<>();
    p.tap(new BodyTap() {
      @Override
      public void begin(RecordedExchange head, long startNanos) {
        calls.add("begin " + head.status());
      }

      @Override
      public void read(ByteBuffer buf, long arrivalNanos) {
        byte[] copy = new byte[buf.remaining()];
        buf.duplicate().get(copy);
        seen.writeBytes(copy);
      }

      @Override
      public String end() {
        calls.add("end");
        return "tap problem";
      }
    });
    p.begin(new RecordedExchange("POST", "http://h/v1", "m", Map.of(), 200, Map.of()));
    byte[] body = corpus("openai-gpt4o-mini-text-usage.sse");
    ByteBuffer held = ByteBuffer.wrap(body, 0, 100);
    p.received(held, System.nanoTime());
    p.decode(held);
    p.feed(body, 100, 50, System.nanoTime());
    p.feed(ByteBuffer.wrap(body, 150, body.length - 150), System.nanoTime());
    ChatResult r = p.finish();
    assertThat(seen.toByteArray()).isEqualTo(body);
    assertThat(calls).containsExactly("begin 200", "end");
    assertThat(r.warnings()).contains("tap problem");
    assertThat(r.outcome()).isEqualTo(Outcome.FINISHED);
    assertThat(r.metrics().bytes()).isEqualTo(body.length);
  }

  @Test
  void listenerFailureStopsTheStreamButKeepsTheAnswer() {
    ResponseStreamProcessor p = new ResponseStreamProcessor("m", new ChatDeltaListener() {
      int n;

      @Override
      public void onContent(int choice, char[] text, int off, int len) {
        if (++n == 2) {
          throw new IllegalStateException("terminal closed");
        }
      }
    }, SseLimits.DEFAULTS, System.nanoTime());
    byte[] b = ("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n"
        + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"b\"}}]}\n\n"
        + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"c\"}}]}\n\n")
        .getBytes(StandardCharsets.UTF_8);
    assertThat(p.feed(b, 0, b.length, System.nanoTime())).isEqualTo(Demand.STOP);
    ChatResult r = p.finish();
    assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.error()).isEqualTo("terminal closed — partial answer kept");
    assertThat(r.content()).isEqualTo("ab");
  }

  @Test
  void listenerFailureWithAMultiLineMessageGivesOneLine() {
    ResponseStreamProcessor p = new ResponseStreamProcessor("m", new ChatDeltaListener() {
      @Override
      public void onContent(int choice, char[] text, int off, int len) {
        throw new IllegalStateException("terminal closed\n\tat some.Frame(Frame.java:1)");
      }
    }, SseLimits.DEFAULTS, System.nanoTime());
    byte[] b = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n"
        .getBytes(StandardCharsets.UTF_8);
    p.feed(b, 0, b.length, System.nanoTime());
    assertThat(p.finish().error()).isEqualTo("terminal closed — partial answer kept");
  }

  /**
   * The comments-only limit, on a clock the test drives: an event resets it (dated by the read
   * that carried it), keep-alive comments do not.
   */
  @Test
  void keepAliveCommentsAloneHitTheLimitOnlyAfterTheLastEventIsThatOld() {
    long t0 = 1_000_000_000L;
    long second = 1_000_000_000L;
    ResponseStreamProcessor p = new ResponseStreamProcessor("m", new ChatDeltaListener() {},
        ResponseOptions.DEFAULTS.withMaxCommentsOnly(java.time.Duration.ofSeconds(10)), t0);
    byte[] event = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n"
        .getBytes(StandardCharsets.UTF_8);
    byte[] comment = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);
    assertThat(p.feed(comment, 0, comment.length, t0 + 9 * second)).isEqualTo(Demand.MORE);
    assertThat(p.feed(event, 0, event.length, t0 + 9 * second)).isEqualTo(Demand.MORE);
    // 10 s after the start, but only 6 s after the event: still fine
    assertThat(p.feed(comment, 0, comment.length, t0 + 15 * second)).isEqualTo(Demand.MORE);
    assertThat(p.feed(comment, 0, comment.length, t0 + 19 * second)).isEqualTo(Demand.MORE);
    assertThat(p.feed(comment, 0, comment.length, t0 + 20 * second)).isEqualTo(Demand.STOP);
    ChatResult r = p.finish();
    assertThat(r.error()).startsWith("no event for 10s, only keep-alive comments");
    assertThat(r.content()).isEqualTo("a");
  }
}
