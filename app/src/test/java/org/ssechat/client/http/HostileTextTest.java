package org.ssechat.client.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ssechat.client.Cancellation;
import org.ssechat.client.ChatMessage;
import org.ssechat.client.ChatRequest;
import org.ssechat.client.ChatResult;
import org.ssechat.client.Outcome;
import org.ssechat.repl.AnswerRenderer;

/**
 * A server that puts terminal control sequences in every field it sends: content, reasoning, a
 * refusal, a tool call's name and arguments, the model, the finish reason, an in-stream error
 * and a malformed event. What reaches the user's screen (answer and meta streams, as the REPL and
 * one-shot mode write them) must hold no control character but LF: no ESC, BEL, CR, C1 or bidi
 * override; each is shown as its visible picture instead.
 */
class HostileTextTest {
  private static final String ESC = "\u001b";
  private static final String BODY = ""
      + "data: {\"model\":\"m" + json(ESC + "]0;pwned\u0007") + "\",\"choices\":[{\"index\":0,"
      + "\"delta\":{\"reasoning_content\":\"think" + json(ESC + "[2J") + "\"}}]}\n\n"
      + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi"
      + json(ESC + "]52;c;ZXZpbA==\u0007 \u009b2J \u202eevil\r\n") + "\"}}]}\n\n"
      + "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c1\","
      + "\"function\":{\"name\":\"get" + json(ESC + "[31m") + "\",\"arguments\":\"{"
      + json(ESC + "[2J") + "}\"}}]}}]}\n\n"
      + "data: {\"choices\":[{\"index\":0,\"delta\":{\"refusal\":\"no" + json("\u0007") + "\"},"
      + "\"finish_reason\":\"stop" + json(ESC + "[H") + "\"}]}\n\n"
      + "data: {\"error\":{\"message\":\"bad " + json(ESC + "]8;;http://x\u0007") + "link\"}}\n\n"
      + "data: not json " + ESC + "[1m\n\n";

  private TestServer server;

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  /** {@code s} with its control characters as JSON escapes (as a server sends them). */
  private static String json(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      sb.append(c < 0x20 || c >= 0x7f && c <= 0x9f || c == 0x202e
          ? String.format("\\u%04x", (int) c) : String.valueOf(c));
    }
    return sb.toString();
  }

  private String render(boolean raw) throws Exception {
    server = new TestServer((req, resp, i) -> resp.sse(BODY.getBytes(StandardCharsets.UTF_8), 7,
        0));
    EndpointConfig cfg = EndpointConfig.of("t", server.baseUrl(), null)
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3), null);
    StringWriter out = new StringWriter();
    StringWriter meta = new StringWriter();
    AnswerRenderer r = new AnswerRenderer(new PrintWriter(out), new PrintWriter(meta),
        new AnswerRenderer.Options(false, true, raw));
    ChatResult result = new OpenAiCompatibleBackend(cfg).stream(
        ChatRequest.of("m", List.of(ChatMessage.user("hi"))), r, new Cancellation());
    r.finish(result);
    assertThat(result.outcome()).isEqualTo(Outcome.ERROR);
    return out + "\n--- meta ---\n" + meta;
  }

  @Test
  void noControlSequenceReachesTheScreenFromAnyField() throws Exception {
    String screen = render(false);
    assertThat(screen.chars().filter(c -> c < 0x20 && c != '\n' || c >= 0x7f && c <= 0x9f
        || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069)).isEmpty();
    assertThat(screen)
        .contains("hi␛]52;c;ZXZpbA==␇ \uFFFD2J \uFFFDevil\n") // content; CR dropped
        .contains("think␛[2J") // reasoning
        .contains("no␇") // refusal
        .contains("⚙ get␛[31m({␛[2J})") // tool name and arguments
        .contains("m␛]0;pwned␇ ·") // model, in the stats line
        .contains("(stop␛[H)") // finish reason
        .contains("bad ␛]8;;http://x␇link") // in-stream error
        .contains("warning: skipped 1 malformed event(s): not a JSON object");
  }

  @Test
  void rawShowsTheModelsTextAsSentButStillNotNamesOrErrors() throws Exception {
    String screen = render(true);
    assertThat(screen).contains("hi" + ESC + "]52;c;ZXZpbA==\u0007 \u009b2J \u202eevil\r\n")
        .contains("think" + ESC + "[2J").contains("no\u0007")
        .contains("⚙ get␛[31m(").contains("m␛]0;pwned␇ ·").contains("bad ␛]8;;http://x␇link");
  }
}
