package org.ssechat.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The error-object fields, as HTTP error bodies use them ({@link StreamError#fromJson}). */
class StreamErrorFromJsonTest {

  private static StreamError of(String json) {
    byte[] b = json.getBytes(StandardCharsets.UTF_8);
    return StreamError.fromJson(b, 0, b.length);
  }

  @Test
  void openAiErrorObject() {
    assertThat(of("{\"error\":{\"message\":\"Incorrect API key\",\"type\":"
        + "\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}"))
        .isEqualTo(new StreamError("Incorrect API key", "invalid_request_error",
            "invalid_api_key"));
  }

  @Test
  void messageAliasesOfRelaysAndFastApi() {
    assertThat(of("{\"success\":false,\"msg\":\"余额不足\",\"code\":402}"))
        .isEqualTo(new StreamError("余额不足", null, "402"));
    assertThat(of("{\"detail\":\"Not Found\"}")).isEqualTo(new StreamError("Not Found", null,
        null));
    assertThat(of("{\"message\":\"m\",\"msg\":\"not this\"}").message()).isEqualTo("m");
    assertThat(of("{\"error\":\"plain string\"}")).isEqualTo(new StreamError("plain string",
        null, null));
  }

  @Test
  void nestedErrorWinsAndEmptyIsNull() {
    assertThat(of("{\"message\":\"outer\",\"error\":{\"message\":\"inner\",\"code\":500}}"))
        .isEqualTo(new StreamError("inner", null, "500"));
    assertThat(of("{\"error\":{\"type\":\"overloaded\"}}"))
        .isEqualTo(new StreamError(ErrorObjects.NO_MESSAGE, "overloaded", null));
    assertThat(of("{\"choices\":[]}")).isNull();
    assertThat(of("[1]")).isNull();
    assertThat(of("<html><title>502</title>")).isNull();
    assertThat(of("")).isNull();
  }
}
