package org.ssechat.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.ssechat.chat.ChatStreamDecoder.Dialect;

/** Replay tells a recording's dialect from its first events. */
class DialectDetectTest {
  private static Dialect of(String body) {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return ChatStreamDecoder.detect(b, 0, b.length);
  }

  @Test
  void eachDialectByItsFirstEvents() {
    assertThat(of("event: message_start\ndata: {\"type\":\"message_start\"}\n\n"))
        .isEqualTo(Dialect.MESSAGES);
    assertThat(of("data: {\"type\":\"message_start\",\"message\":{}}\n\n"))
        .isEqualTo(Dialect.MESSAGES);
    assertThat(of("event: response.created\ndata: {}\n\n")).isEqualTo(Dialect.RESPONSES);
    assertThat(of("data: {\"type\":\"response.output_text.delta\"}\n\n"))
        .isEqualTo(Dialect.RESPONSES);
    assertThat(of("data: {\"choices\":[{\"delta\":{\"content\":\"message_start\"}}]}\n\n"))
        .isEqualTo(Dialect.CHAT);
    assertThat(of("")).isEqualTo(Dialect.CHAT);
  }
}
