package org.ssechat.replay;

import java.io.ByteArrayOutputStream;
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
 *
 * <p>Regenerate: {@code ./mvnw -B -o -q -pl app -am test-compile} then run this class's
 * {@code main} with the test class path and {@code app/src/main/resources/recordings} as argument.
 */
public final class BundledRecordingsGenerator {

  public static final String WELCOME = "ssechat-offline-welcome";
  public static final String CHINESE = "ssechat-offline-chinese-reasoning";
  public static final String ERROR = "ssechat-sample-midstream-error";
  public static final String TRUNCATED = "ssechat-sample-truncated";

  public static final String WELCOME_TEXT = """
      Hi! This is **ssechat offline mode**. No API key is configured, so this answer is a \
      bundled recording, streamed through the same SSE parser, chunk decoder and renderer as a \
      live answer.

      To talk to a real model, configure a provider: its base URL and API key (see \
      `docs/usage.md`, or type `/help`). Any OpenAI-compatible `/v1/chat/completions` endpoint \
      works: OpenAI, DeepSeek, OpenRouter, Groq, Qwen/DashScope, Ollama, vLLM, or a \
      one-api/new-api relay.

      Meanwhile you can:
      - keep chatting: each prompt picks one of the bundled recordings (real streams from \
      several providers), and the same prompt always gets the same one;
      - pick a recording by using its name as the model, e.g. \
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

    Stream welcome = new Stream("ssechat-offline", "chatcmpl-ssechat-offline-welcome");
    welcome.role();
    for (String piece : englishPieces(WELCOME_TEXT)) {
      welcome.content(piece);
    }
    welcome.finish("stop");
    welcome.usage(57, englishPieces(WELCOME_TEXT).size(), 0);
    welcome.done();
    add(out, WELCOME, welcome, rnd, 0);

    Stream zh = new Stream("ssechat-offline-reasoner", "chatcmpl-ssechat-offline-zh");
    zh.roleWithEmptyReasoning();
    List<String> thoughts = cjkPieces(CHINESE_REASONING, rnd);
    for (String piece : thoughts) {
      zh.reasoning(piece);
    }
    zh.pauseBeforeNext();
    List<String> answer = cjkPieces(CHINESE_TEXT, rnd);
    for (String piece : answer) {
      zh.content(piece);
    }
    zh.finish("stop");
    zh.usage(19, thoughts.size() + answer.size(), thoughts.size());
    zh.done();
    add(out, CHINESE, zh, rnd, 0);

    Stream err = new Stream("ssechat-sample", "chatcmpl-ssechat-sample-error");
    err.role();
    for (String piece : englishPieces(ERROR_TEXT)) {
      err.content(piece);
    }
    err.pauseBeforeNext();
    err.raw("data: {\"error\":{\"message\":\"" + ERROR_MESSAGE
        + "\",\"type\":\"server_error\",\"code\":\"upstream_timeout\"}}\n\n");
    add(out, ERROR, err, rnd, 0);

    Stream cut = new Stream("ssechat-sample", "chatcmpl-ssechat-sample-truncated");
    cut.role();
    for (String piece : englishPieces(TRUNCATED_TEXT)) {
      cut.content(piece);
    }
    cut.content(" and");
    add(out, TRUNCATED, cut, rnd, 37); // drop the end of the last event: no blank line, no [DONE]
    return out;
  }

  private static void add(Map<String, byte[]> out, String name, Stream s, Random rnd, int cut) {
    byte[] full = s.bytes.toByteArray();
    byte[] body = java.util.Arrays.copyOf(full, full.length - cut);
    out.put(name + ".sse", body);
    out.put(name + ".sse.json", sidecar(s, body.length, rnd));
  }

  /**
   * Reads as a network would deliver them: mostly one event per read, sometimes two, sometimes an
   * event split in two (anywhere, even inside a UTF-8 sequence); 15–60 ms apart after a
   * time-to-first-byte of about 400 ms, with a longer pause where the stream asked for one.
   */
  private static byte[] sidecar(Stream s, int bodyLength, Random rnd) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", RecordingWriter.FORMAT);
    root.put("version", RecordingWriter.VERSION);
    root.put("recordedAt", "2026-11-24T12:00:00Z");
    ObjectNode req = root.putObject("request");
    req.put("method", "POST");
    req.put("url", "https://offline.ssechat.invalid/v1/chat/completions");
    req.put("model", s.model);
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
    List<Integer> ends = s.eventEnds;
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
      boolean pause = s.pauses.contains(end);
      t += pause ? 250_000 + rnd.nextInt(100_000) : 15_000 + rnd.nextInt(45_000);
      pos = end;
    }
    String json = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  static List<String> englishPieces(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == ' ' || text.charAt(i) == '\n') {
        if (i < text.length() && text.charAt(i - 1) == '\n') {
          continue; // keep a run of line breaks with the word after it
        }
        out.add(text.substring(start, i));
        start = i;
      }
    }
    return out;
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

  /** Builds an OpenAI-style chunk stream, remembering where each event ends. */
  private static final class Stream {
    final String model;
    final String id;
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final List<Integer> eventEnds = new ArrayList<>();
    final List<Integer> pauses = new ArrayList<>();

    Stream(String model, String id) {
      this.model = model;
      this.id = id;
    }

    void role() {
      ObjectNode delta = JSON.createObjectNode();
      delta.put("role", "assistant");
      delta.put("content", "");
      chunk(delta, null);
    }

    void roleWithEmptyReasoning() {
      ObjectNode delta = JSON.createObjectNode();
      delta.put("role", "assistant");
      delta.putNull("content");
      delta.put("reasoning_content", "");
      chunk(delta, null);
    }

    void content(String text) {
      chunk(JSON.createObjectNode().put("content", text), null);
    }

    void reasoning(String text) {
      ObjectNode delta = JSON.createObjectNode();
      delta.putNull("content");
      delta.put("reasoning_content", text);
      chunk(delta, null);
    }

    void finish(String reason) {
      chunk(JSON.createObjectNode(), reason);
    }

    void usage(long prompt, long completion, long reasoning) {
      ObjectNode c = header();
      c.putArray("choices");
      ObjectNode u = c.putObject("usage");
      u.put("prompt_tokens", prompt);
      u.put("completion_tokens", completion);
      u.put("total_tokens", prompt + completion);
      if (reasoning > 0) {
        u.putObject("completion_tokens_details").put("reasoning_tokens", reasoning);
      }
      event(c);
    }

    void done() {
      raw("data: [DONE]\n\n");
    }

    void pauseBeforeNext() {
      pauses.add(bytes.size());
    }

    private ObjectNode header() {
      ObjectNode c = JSON.createObjectNode();
      c.put("id", id);
      c.put("object", "chat.completion.chunk");
      c.put("created", CREATED);
      c.put("model", model);
      return c;
    }

    private void chunk(ObjectNode delta, String finish) {
      ObjectNode c = header();
      ObjectNode choice = c.putArray("choices").addObject();
      choice.put("index", 0);
      choice.set("delta", delta);
      if (finish == null) {
        choice.putNull("finish_reason");
      } else {
        choice.put("finish_reason", finish);
      }
      event(c);
    }

    private void event(ObjectNode chunk) {
      raw("data: " + JSON.writeValueAsString(chunk) + "\n\n");
    }

    void raw(String text) {
      bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
      eventEnds.add(bytes.size());
    }
  }
}
