package org.ssechat.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Relay quirks seen in the wild (one-api/new-api and resellers): tolerated silently, at every
 * read size.
 */
class RelayQuirksTest {
  private static final String BODY = ""
      + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}\n\n"
      + "data: null\n\n"
      + "data:  null \n\n"
      + "data: {\"choices\":null,\"usage\":null}\n\n"
      + "data: {\"choices\":{}}\n\n"
      + "data: {\"choices\":[{}]}\n\n"
      + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,"
      + "\"total_tokens\":4}}\n\n"
      + "data: [DONE]\n\n";

  @Test
  void nullDataAndNullOrEmptyChoicesAreNotMalformed() {
    byte[] b = BODY.getBytes(StandardCharsets.UTF_8);
    for (int read : new int[] {1, 3, 7, 64, b.length}) {
      Transcript t = Transcript.decode(b, read);
      assertThat(t.lines).as("reads of %d", read)
          .containsExactly("content 0 a", "usage 3 1 4 -1", "done");
    }
  }
}
