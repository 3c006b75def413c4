package org.ssechat.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ssechat.chat.ChatChunkDecoder;
import org.ssechat.chat.ChatDeltaListener;
import org.ssechat.chat.ChatStreamDecoder.Dialect;
import org.ssechat.sse.SseParser;
import org.ssechat.sse.SseParsers;

/**
 * One deterministic answer, streamed in each dialect: the text pieces of the
 * {@link SyntheticStream} of the same kind and seed as Chat Completions chunks (that stream), Anthropic
 * Messages events or OpenAI Responses events, each shaped like its provider's streams (ids,
 * {@code sequence_number}, {@code obfuscation}, and a {@code response.completed} that repeats the
 * whole text, as OpenAI's does). So the dialects' decoders can be compared on the same answer.
 */
public final class DialectStream {

  private static final String CLAUDE = "claude-sonnet-4-5-20250929";
  private static final String GPT = "gpt-5-mini-2025-08-07";

  private DialectStream() {}

  /** {@code pieces} text events (80% reasoning for {@code REASONING}) in {@code dialect}. */
  public static byte[] generate(Dialect dialect, SyntheticStream.Kind kind, int pieces,
      long seed) {
    if (dialect == Dialect.CHAT) {
      return SyntheticStream.generate(kind, pieces + 4, seed);
    }
    List<String> text = new ArrayList<>(pieces);
    int[] reasoning = {0};
    SseParser p = SseParsers.create(new ChatChunkDecoder(new ChatDeltaListener() {
      @Override
      public void onContent(int choice, char[] t, int off, int len) {
        text.add(json(t, off, len));
      }

      @Override
      public void onReasoning(int choice, char[] t, int off, int len) {
        text.add(json(t, off, len));
        reasoning[0]++;
      }
    }));
    byte[] chat = SyntheticStream.generate(kind, pieces + 4, seed);
    p.feed(chat, 0, chat.length);
    p.endOfInput();
    Random rnd = new Random(seed);
    String[] pieceArray = text.toArray(new String[0]);
    String s = dialect == Dialect.MESSAGES ? messages(pieceArray, reasoning[0], rnd)
        : responses(pieceArray, reasoning[0], rnd);
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code t} as the inside of a JSON string (the pieces hold quotes and line breaks). */
  private static String json(char[] t, int off, int len) {
    StringBuilder sb = new StringBuilder(len + 4);
    for (int i = off; i < off + len; i++) {
      char c = t[i];
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  private static void event(StringBuilder sb, String type, String json) {
    sb.append("event: ").append(type).append("\ndata: ").append(json).append("\n\n");
  }

  private static String messages(String[] text, int reasoning, Random rnd) {
    StringBuilder sb = new StringBuilder(text.length * 140);
    event(sb, "message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_01"
        + SyntheticStream.randomAlnum(rnd, 22) + "\",\"type\":\"message\",\"role\":\"assistant\","
        + "\"model\":\"" + CLAUDE + "\",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
        + "\"usage\":{\"input_tokens\":" + (20 + rnd.nextInt(500)) + ",\"cache_creation_input_tokens\":0,"
        + "\"cache_read_input_tokens\":0,\"output_tokens\":1}}}");
    int block = 0;
    if (reasoning > 0) {
      event(sb, "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,"
          + "\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\",\"signature\":\"\"}}");
      event(sb, "ping", "{\"type\": \"ping\"}");
      for (int i = 0; i < reasoning; i++) {
        event(sb, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
            + "\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"" + text[i] + "\"}}");
      }
      event(sb, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,"
          + "\"delta\":{\"type\":\"signature_delta\",\"signature\":\""
          + SyntheticStream.randomAlnum(rnd, 344) + "\"}}");
      event(sb, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
      block = 1;
    }
    event(sb, "content_block_start", "{\"type\":\"content_block_start\",\"index\":" + block
        + ",\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
    for (int i = reasoning; i < text.length; i++) {
      event(sb, "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":" + block
          + ",\"delta\":{\"type\":\"text_delta\",\"text\":\"" + text[i] + "\"}}");
    }
    event(sb, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + block + "}");
    event(sb, "message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
        + "\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":" + text.length + "}}");
    event(sb, "message_stop", "{\"type\":\"message_stop\"}");
    return sb.toString();
  }

  private static String responses(String[] text, int reasoning, Random rnd) {
    StringBuilder sb = new StringBuilder(text.length * 220);
    String id = "resp_" + SyntheticStream.randomAlnum(rnd, 48);
    String rs = "rs_" + SyntheticStream.randomAlnum(rnd, 48);
    String msg = "msg_" + SyntheticStream.randomAlnum(rnd, 48);
    String head = "{\"id\":\"" + id + "\",\"object\":\"response\",\"created_at\":1782955818,"
        + "\"model\":\"" + GPT + "\",\"output\":[";
    int seq = 0;
    event(sb, "response.created", "{\"type\":\"response.created\",\"sequence_number\":" + seq++
        + ",\"response\":" + head + "],\"status\":\"in_progress\",\"usage\":null}}");
    event(sb, "response.in_progress", "{\"type\":\"response.in_progress\",\"sequence_number\":"
        + seq++ + ",\"response\":" + head + "],\"status\":\"in_progress\",\"usage\":null}}");
    StringBuilder summary = new StringBuilder();
    int out = 0;
    if (reasoning > 0) {
      for (int i = 0; i < reasoning; i++) {
        summary.append(text[i]);
        event(sb, "response.reasoning_summary_text.delta", "{\"type\":"
            + "\"response.reasoning_summary_text.delta\",\"sequence_number\":" + seq++
            + ",\"item_id\":\"" + rs + "\",\"output_index\":0,\"summary_index\":0,\"delta\":\""
            + text[i] + "\",\"obfuscation\":\"" + SyntheticStream.randomAlnum(rnd, 1 + rnd.nextInt(12))
            + "\"}");
      }
      out = 1;
    }
    StringBuilder answer = new StringBuilder();
    for (int i = reasoning; i < text.length; i++) {
      answer.append(text[i]);
      event(sb, "response.output_text.delta", "{\"type\":\"response.output_text.delta\","
          + "\"sequence_number\":" + seq++ + ",\"item_id\":\"" + msg + "\",\"output_index\":" + out
          + ",\"content_index\":0,\"delta\":\"" + text[i] + "\",\"logprobs\":[],\"obfuscation\":\""
          + SyntheticStream.randomAlnum(rnd, 1 + rnd.nextInt(12)) + "\"}");
    }
    String items = (reasoning > 0 ? "{\"id\":\"" + rs + "\",\"type\":\"reasoning\",\"summary\":["
        + "{\"type\":\"summary_text\",\"text\":\"" + summary + "\"}]}," : "")
        + "{\"id\":\"" + msg + "\",\"type\":\"message\",\"status\":\"completed\",\"role\":"
        + "\"assistant\",\"content\":[{\"type\":\"output_text\",\"annotations\":[],\"logprobs\":[],"
        + "\"text\":\"" + answer + "\"}]}";
    event(sb, "response.completed", "{\"type\":\"response.completed\",\"sequence_number\":" + seq
        + ",\"response\":" + head + items + "],\"status\":\"completed\",\"usage\":{\"input_tokens\":"
        + (20 + rnd.nextInt(500)) + ",\"output_tokens\":" + text.length + ",\"output_tokens_details\":"
        + "{\"reasoning_tokens\":" + reasoning + "},\"total_tokens\":" + (600 + text.length) + "}}}");
    return sb.toString();
  }
}
