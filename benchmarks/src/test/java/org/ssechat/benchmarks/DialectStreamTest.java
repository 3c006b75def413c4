package org.ssechat.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ssechat.chat.ChatAccumulator;
import org.ssechat.chat.ChatStreamDecoder;
import org.ssechat.chat.ChatStreamDecoder.Dialect;
import org.ssechat.sse.SseParser;
import org.ssechat.sse.SseParsers;

/** The dialect benchmark compares like with like: one answer, three wire formats. */
class DialectStreamTest {

  private static ChatAccumulator decode(Dialect d, SyntheticStream.Kind kind, int read) {
    byte[] b = DialectStream.generate(d, kind, 300, Streams.SEED);
    assertThat(ChatStreamDecoder.detect(b, 0, b.length)).isEqualTo(d);
    ChatAccumulator acc = new ChatAccumulator();
    SseParser p = SseParsers.create(ChatStreamDecoder.of(d, acc));
    for (int off = 0; off < b.length; off += read) {
      p.feed(b, off, Math.min(read, b.length - off));
    }
    p.endOfInput();
    return acc;
  }

  @Test
  void everyDialectCarriesTheSameAnswer() {
    for (SyntheticStream.Kind kind : SyntheticStream.Kind.values()) {
      ChatAccumulator chat = decode(Dialect.CHAT, kind, 4096);
      assertThat(chat.content()).isNotEmpty();
      for (Dialect d : new Dialect[] {Dialect.MESSAGES, Dialect.RESPONSES}) {
        for (int read : new int[] {7, 256, 1 << 20}) {
          ChatAccumulator other = decode(d, kind, read);
          assertThat(other.content()).as("%s %s %d", d, kind, read).isEqualTo(chat.content());
          assertThat(other.reasoning()).as("%s %s", d, kind).isEqualTo(chat.reasoning());
          assertThat(other.errors()).isEmpty();
          assertThat(other.usage().completionTokens()).isEqualTo(300);
        }
      }
    }
    assertThat(decode(Dialect.MESSAGES, SyntheticStream.Kind.EN, 99).finishReason())
        .isEqualTo("end_turn");
    assertThat(decode(Dialect.RESPONSES, SyntheticStream.Kind.EN, 99).finishReason())
        .isEqualTo("completed");
  }
}
