package org.ssechat.replay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ssechat.record.RecordingWriter;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the synthetic bundled recordings ({@code ssechat-*.sse} + sidecars) as real SSE bytes.
 * Deterministic: a fixed seed drives piece sizes, read boundaries and timings, so the output is
 * the same on every run; {@link BundledRecordingsTest} fails when the checked-in files differ.
 * Every answer has its question in the sidecar ({@code request.prompt}) except the samples of
 * broken streams, which are chosen only by name.
 *
 * <p>Regenerate: {@code ./mvnw -B -o -q -pl app -am test-compile} then run this class's
 * {@code main} with the test class path and {@code app/src/main/resources/recordings} as argument.
 */
public final class BundledRecordingsGenerator {

  public static final String WELCOME = "ssechat-offline-welcome";
  public static final String CHINESE = "ssechat-offline-chinese-reasoning";
  public static final String LUXUN = "ssechat-offline-luxun-zhoushuren";
  public static final String SKY = "ssechat-offline-sky-blue";
  public static final String CODE = "ssechat-offline-java-reverse-string";
  public static final String TABLE = "ssechat-offline-http-methods-table";
  public static final String ERROR = "ssechat-sample-midstream-error";
  public static final String TRUNCATED = "ssechat-sample-truncated";

  public static final String WELCOME_PROMPT = "Hello";
  public static final String CHINESE_PROMPT = "你好";
  public static final String LUXUN_PROMPT = "周树人和鲁迅是兄弟吗？";
  public static final String SKY_PROMPT = "Why is the sky blue?";
  public static final String CODE_PROMPT = "How do I reverse a string in Java?";
  public static final String TABLE_PROMPT =
      "Compare the HTTP methods GET, POST, PUT, PATCH and DELETE in a table.";

  public static final String WELCOME_TEXT = """
      Hi! This is **ssechat offline mode**. No API key is configured, so this answer is a \
      bundled recording, streamed through the same SSE parser, chunk decoder and renderer as a \
      live answer.

      To talk to a real model, configure a provider: set `SSECHAT_API_KEY`, or start with \
      `--provider NAME` (see `docs/usage.md`, or type `/help`). Any OpenAI-compatible \
      `/v1/chat/completions` endpoint works: OpenAI, DeepSeek, OpenRouter, Groq, \
      Qwen/DashScope, Ollama, vLLM, or a one-api/new-api relay.

      Meanwhile you can:
      - ask a question the bundled recordings answer, e.g. `周树人和鲁迅是兄弟吗？` or \
      `Why is the sky blue?`; any other question gets a plain "no recorded answer" and the list \
      of questions I can answer;
      - pick a recording by using its name as the model (`/models` lists them), e.g. \
      `deepseek-reasoner-reasoning-content-emoji`;
      - replay a capture of your own: `ssechat replay answer.sse --format summary`;
      - serve the recordings to any OpenAI client: `ssechat serve --port 8080`.""";

  static final String CHINESE_REASONING = "用户用中文打招呼。我现在处于离线模式，没有配置 API 密钥，"
      + "只能回放内置的录制流。应该用中文简单说明离线模式是什么，再告诉用户怎样配置真正的服务商。";

  static final String CHINESE_TEXT = """
      你好！这是 **ssechat 离线模式**。当前没有配置 API 密钥，所以这条回答来自内置的录制流，\
      经过与真实回答完全相同的 SSE 解析器、分块解码器和渲染器逐块播放。

      要连接真正的模型，请配置服务商的接口地址（base URL）和 API 密钥（见 `docs/usage.md`，\
      或输入 `/help`）。任何兼容 OpenAI `/v1/chat/completions` 的接口都可以使用，例如 DeepSeek、\
      通义千问（DashScope）、OpenRouter，或基于 one-api/new-api 的中转站。🙂""";

  static final String LUXUN_REASONING = "用户问周树人和鲁迅是不是兄弟。这是一个常见的误会：鲁迅是笔名，"
      + "周树人是他的本名，两个名字指的是同一个人，所以不是兄弟。鲁迅确实有兄弟：二弟周作人，三弟周建人。"
      + "先直接给出结论，再解释本名和笔名，最后提一下他真正的兄弟，避免混淆。";

  public static final String LUXUN_TEXT = """
      不是兄弟：**周树人和鲁迅是同一个人**。

      - **周树人**是他的本名（原名周樟寿，字豫才），1881 年生于浙江绍兴。
      - **鲁迅**是他的笔名，1918 年发表《狂人日记》时第一次使用，后来成了他最广为人知的名字。

      他真正的兄弟是：
      1. **周作人**（二弟），散文家、翻译家；
      2. **周建人**（三弟），生物学家。

      所以“周树人和鲁迅是兄弟吗”的答案是否定的：这两个名字说的是同一个人。""";

  public static final String SKY_TEXT = """
      The sky looks blue because of **Rayleigh scattering**. Sunlight contains every colour, \
      but on its way through the atmosphere it meets nitrogen and oxygen molecules that are \
      much smaller than the wavelength of visible light. Such small particles scatter short \
      wavelengths far more strongly than long ones (roughly as 1/λ⁴), so blue light at about \
      450 nm is scattered several times more than red light at about 700 nm.

      That scattered blue light reaches your eyes from every part of the sky, so the whole sky \
      looks blue. It does not look violet, although violet scatters even more, because sunlight \
      holds less violet, some of it is absorbed high in the atmosphere, and our eyes are less \
      sensitive to it.

      At sunrise and sunset the light crosses much more air, so most of the blue is scattered \
      away before it reaches you, and the remaining reds and oranges dominate.""";

  public static final String CODE_TEXT = """
      Use `StringBuilder.reverse()`:

      ```java
      String s = "hello";
      String reversed = new StringBuilder(s).reverse().toString();
      System.out.println(reversed); // olleh
      ```

      `reverse()` keeps surrogate pairs together, so characters outside the Basic Multilingual \
      Plane (most emoji) survive. It does not know about grapheme clusters, though: a letter \
      followed by a combining accent, or an emoji made of several code points, can come out \
      scrambled. For such text, split it into user-perceived characters with \
      `java.text.BreakIterator.getCharacterInstance()` and reverse those.""";

  public static final String TABLE_TEXT = """
      | Method | Typical use | Request body | Safe | Idempotent |
      |---|---|---|---|---|
      | `GET` | read a resource | no | yes | yes |
      | `POST` | create a resource or run an action | yes | no | no |
      | `PUT` | replace a resource as a whole | yes | no | yes |
      | `PATCH` | change part of a resource | yes | no | not necessarily |
      | `DELETE` | remove a resource | usually none | no | yes |

      *Safe* means the request does not change anything on the server; *idempotent* means that \
      sending it twice has the same effect as sending it once (RFC 9110, section 9.2). That is \
      why clients may retry `GET`, `PUT` and `DELETE` after a network error, but not `POST`.""";

  public static final String ERROR_TEXT = "This synthetic sample streams a few words and then";
  public static final String ERROR_MESSAGE = "The upstream provider timed out (synthetic sample)";
  public static final String TRUNCATED_TEXT = "This synthetic sample is cut off in the middle of an event";

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final long CREATED = 1795000000L;

  private BundledRecordingsGenerator() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "app/src/main/resources/recordings");
    for (Map.Entry<String, byte[]> e : generate().entrySet()) {
      Files.write(dir.resolve(e.getKey()), e.getValue());
    }
  }

  /** File name → bytes of every generated file ({@code NAME.sse} and {@code NAME.sse.json}). */
  public static Map<String, byte[]> generate() {
    Map<String, byte[]> out = new LinkedHashMap<>();
    Random rnd = new Random(20261124L);

    add(out, WELCOME, english("ssechat-offline", "welcome", WELCOME_TEXT, 57), rnd, 0,
        WELCOME_PROMPT);
    add(out, CHINESE, chinese("zh", CHINESE_REASONING, CHINESE_TEXT, 19, rnd), rnd, 0,
        CHINESE_PROMPT);
    add(out, LUXUN, chinese("luxun", LUXUN_REASONING, LUXUN_TEXT, 17, rnd), rnd, 0,
        LUXUN_PROMPT);
    add(out, SKY, english("ssechat-offline", "sky", SKY_TEXT, 13), rnd, 0, SKY_PROMPT);
    add(out, CODE, english("ssechat-offline", "code", CODE_TEXT, 16), rnd, 0, CODE_PROMPT);
    add(out, TABLE, english("ssechat-offline", "table", TABLE_TEXT, 21), rnd, 0, TABLE_PROMPT);

    ChunkStream err = new ChunkStream("ssechat-sample", "chatcmpl-ssechat-sample-error", CREATED);
    err.role();
    for (String piece : ChunkStream.words(ERROR_TEXT)) {
      err.content(piece);
    }
    err.pauseBeforeNext();
    err.raw("data: {\"error\":{\"message\":\"" + ERROR_MESSAGE
        + "\",\"type\":\"server_error\",\"code\":\"upstream_timeout\"}}\n\n");
    add(out, ERROR, err, rnd, 0, null);

    ChunkStream cut = new ChunkStream("ssechat-sample", "chatcmpl-ssechat-sample-truncated",
        CREATED);
    cut.role();
    for (String piece : ChunkStream.words(TRUNCATED_TEXT)) {
      cut.content(piece);
    }
    cut.content(" and");
    // drop the end of the last event: no blank line, no [DONE]
    add(out, TRUNCATED, cut, rnd, 37, null);
    return out;
  }

  /** An English answer streamed word by word, then stop, usage and [DONE]. */
  private static ChunkStream english(String model, String id, String text, long promptTokens) {
    ChunkStream s = new ChunkStream(model, "chatcmpl-ssechat-offline-" + id, CREATED);
    s.role();
    List<String> pieces = ChunkStream.words(text);
    for (String piece : pieces) {
      s.content(piece);
    }
    s.finish("stop");
    s.usage(promptTokens, pieces.size(), 0);
    s.done();
    return s;
  }

  /**
   * A Chinese answer as a DeepSeek-style relay streams it: {@code reasoning_content} first, a
   * pause, the content in pieces of one to three characters, then stop, usage (with
   * reasoning_tokens) and [DONE].
   */
  private static ChunkStream chinese(String id, String reasoning, String text,
      long promptTokens, Random rnd) {
    ChunkStream s = new ChunkStream("ssechat-offline-reasoner", "chatcmpl-ssechat-offline-" + id,
        CREATED);
    s.roleWithEmptyReasoning();
    List<String> thoughts = cjkPieces(reasoning, rnd);
    for (String piece : thoughts) {
      s.reasoning(piece);
    }
    s.pauseBeforeNext();
    List<String> answer = cjkPieces(text, rnd);
    for (String piece : answer) {
      s.content(piece);
    }
    s.finish("stop");
    s.usage(promptTokens, thoughts.size() + answer.size(), thoughts.size());
    s.done();
    return s;
  }

  private static void add(Map<String, byte[]> out, String name, ChunkStream s, Random rnd,
      int cut, String prompt) {
    byte[] full = s.bytes();
    byte[] body = java.util.Arrays.copyOf(full, full.length - cut);
    out.put(name + ".sse", body);
    out.put(name + ".sse.json", sidecar(s, body.length, rnd, prompt));
  }

  /**
   * Reads as a network would deliver them: mostly one event per read, sometimes two, sometimes an
   * event split in two (anywhere, even inside a UTF-8 sequence); 15–60 ms apart after a
   * time-to-first-byte of about 400 ms, with a longer pause where the stream asked for one.
   */
  private static byte[] sidecar(ChunkStream s, int bodyLength, Random rnd, String prompt) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", RecordingWriter.FORMAT);
    root.put("version", RecordingWriter.VERSION);
    root.put("recordedAt", "2026-11-24T12:00:00Z");
    ObjectNode req = root.putObject("request");
    req.put("method", "POST");
    req.put("url", "https://offline.ssechat.invalid/v1/chat/completions");
    req.put("model", s.model());
    if (prompt != null) {
      req.put("prompt", prompt);
    }
    ObjectNode reqHeaders = req.putObject("headers");
    reqHeaders.put("Authorization", "<redacted>");
    reqHeaders.put("Content-Type", "application/json");
    ObjectNode resp = root.putObject("response");
    resp.put("status", 200);
    resp.putObject("headers").putArray("content-type").add("text/event-stream");
    ArrayNode reads = root.putArray("reads");

    long t = 380_000 + rnd.nextInt(60_000);
    int pos = 0;
    int event = 0;
    List<Integer> ends = s.eventEnds();
    while (pos < bodyLength) {
      int end;
      int roll = rnd.nextInt(10);
      int nextEnd = event < ends.size() ? Math.min(ends.get(event), bodyLength) : bodyLength;
      if (roll == 0 && nextEnd - pos > 8) {
        end = pos + 1 + rnd.nextInt(nextEnd - pos - 1); // split the event
      } else if (roll == 1 && event + 1 < ends.size()) {
        event += 2; // two events in one read
        end = Math.min(ends.get(event - 1), bodyLength);
      } else {
        event++;
        end = nextEnd;
      }
      reads.addArray().add(t).add(end - pos);
      boolean pause = s.pauses().contains(end);
      t += pause ? 250_000 + rnd.nextInt(100_000) : 15_000 + rnd.nextInt(45_000);
      pos = end;
    }
    String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** One to three code points per piece, never splitting a surrogate pair. */
  static List<String> cjkPieces(String text, Random rnd) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int n = 1 + rnd.nextInt(3);
      int end = i;
      for (int k = 0; k < n && end < text.length(); k++) {
        end += Character.charCount(text.codePointAt(end));
      }
      out.add(text.substring(i, end));
      i = end;
    }
    return out;
  }
}
