package org.ssechat.replay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.ssechat.sse.SseMessage;
import org.ssechat.sse.SseParser;
import org.ssechat.sse.SseParsers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a recording holds, worked out independently of the decoder and stream processor: SSE
 * events from the parser, then each event's JSON read with Jackson databind — Chat Completions
 * chunks, or Anthropic Messages and OpenAI Responses events (told apart by their {@code type}).
 */
public record Expected(List<SseMessage> events, String content, String reasoning,
    List<String> toolNames, String finishReason) {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  public static final Path BUNDLED = Path.of("src/main/resources/recordings");

  public static Path bundled(String name) {
    return BUNDLED.resolve(name + ".sse");
  }

  public static Expected of(String name) {
    try {
      return of(Files.readAllBytes(bundled(name)));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public static Expected of(byte[] body) {
    List<SseMessage> events = new ArrayList<>();
    SseParser p = SseParsers.create(e -> events.add(e.toMessage()));
    p.feed(body, 0, body.length);
    p.endOfInput();
    StringBuilder content = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    List<String> tools = new ArrayList<>();
    String finish = null;
    String stopReason = null;
    for (SseMessage m : events) {
      if (!m.data().startsWith("{")) {
        continue;
      }
      JsonNode chunk = JSON.readTree(m.data());
      String type = chunk.path("type").asString("");
      JsonNode delta = chunk.path("delta");
      switch (type) {
        case "content_block_start" -> {
          if (chunk.at("/content_block/type").asString("").equals("tool_use")) {
            tools.add(chunk.at("/content_block/name").asString());
          }
        }
        case "content_block_delta" -> {
          switch (delta.path("type").asString("")) {
            case "text_delta" -> content.append(delta.path("text").asString());
            case "thinking_delta" -> reasoning.append(delta.path("thinking").asString());
            default -> { }
          }
        }
        case "message_delta" -> stopReason = delta.path("stop_reason").asString(null);
        case "message_stop" -> finish = stopReason;
        case "response.output_text.delta" -> content.append(chunk.path("delta").asString());
        case "response.reasoning_summary_text.delta", "response.reasoning_text.delta" ->
            reasoning.append(chunk.path("delta").asString());
        case "response.output_item.added" -> {
          if (chunk.at("/item/type").asString("").equals("function_call")) {
            tools.add(chunk.at("/item/name").asString());
          }
        }
        case "response.completed" -> finish = "completed";
        case "response.incomplete" ->
            finish = chunk.at("/response/incomplete_details/reason").asString("incomplete");
        default -> { }
      }
      for (JsonNode choice : chunk.path("choices")) {
        JsonNode d = choice.path("delta");
        if (d.path("content").isString()) {
          content.append(d.path("content").asString());
        }
        if (d.path("reasoning_content").isString()) {
          reasoning.append(d.path("reasoning_content").asString());
        }
        for (JsonNode tc : d.path("tool_calls")) {
          if (tc.path("function").path("name").isString()) {
            tools.add(tc.path("function").path("name").asString());
          }
        }
        if (choice.path("finish_reason").isString()) {
          finish = choice.path("finish_reason").asString();
        }
      }
    }
    return new Expected(events, content.toString(), reasoning.toString(), tools, finish);
  }
}
