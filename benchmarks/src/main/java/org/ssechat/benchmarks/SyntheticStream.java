package org.ssechat.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Deterministic OpenAI {@code chat.completion.chunk} streams, shaped like the recorded
 * {@code openai-gpt4o-mini-text-usage.sse}: a role chunk, content (or reasoning) chunks, a
 * {@code finish_reason} chunk, a usage chunk and {@code data: [DONE]}.
 *
 * <p>The text is raw UTF-8 (as OpenAI sends it, not {@code \\u} escapes), with the occasional
 * escaped quote and newline. The same kind, event count and seed always give the same bytes.
 */
public final class SyntheticStream {

  /** What the generated text looks like. */
  public enum Kind {
    /** English word pieces. */
    EN,
    /** Chinese, 1 to 3 characters per chunk (3 UTF-8 bytes each). */
    ZH,
    /** English mixed with emoji: surrogate pairs, ZWJ sequences, variation selectors. */
    EMOJI,
    /** DeepSeek style: {@code reasoning_content} for 80% of the chunks, then the answer. */
    REASONING
  }

  private static final String[] EN = {
      " the", " capital", " of", " France", " is", " Paris", ".", " It", " has", " been",
      " a", " center", " for", " art", ",", " science", " and", " trade", " since", " the",
      " Middle", " Ages", " \\\"City", " of", " Light\\\"", "\\n\\n", " Its", " population",
      " is", " about", " 2", ".1", " million", " people", "; ", "the", " metro", " area",
      " holds", " over", " 12", " million", "."};
  private static final String ZH =
      "巴黎是法国的首都也是最大的城市位于塞纳河畔以其艺术时尚美食和文化闻名于世界各地每年吸引"
          + "数以千万计的游客前来参观埃菲尔铁塔卢浮宫和凯旋门等著名景点人口约为两百万";
  private static final String[] EMOJI = {
      "🙂", "🚀", "👍🏽", "👨‍👩‍👧‍👦", "❤️", "🇫🇷", "✨", "🤖", "📈", "🔥", "😂", "🧠", "☕", "🎉"};
  private static final String MODEL = "gpt-4o-mini-2024-07-18";
  private static final String ALNUM =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private SyntheticStream() {}

  /**
   * A stream of exactly {@code events} SSE events (role, text chunks, finish, usage, [DONE]).
   *
   * @param events at least 5
   */
  public static byte[] generate(Kind kind, int events, long seed) {
    if (events < 5) {
      throw new IllegalArgumentException("need at least 5 events, got " + events);
    }
    Random rnd = new Random(seed ^ (kind.ordinal() * 0x9E3779B97F4A7C15L) ^ events);
    String id = "chatcmpl-" + randomAlnum(rnd, 29);
    String fingerprint = "fp_" + randomAlnum(rnd, 10).toLowerCase();
    long created = 1_782_955_818L + rnd.nextInt(1_000_000);
    StringBuilder sb = new StringBuilder(events * 330);
    String head = "data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":"
        + created + ",\"model\":\"" + MODEL + "\",\"service_tier\":\"default\","
        + "\"system_fingerprint\":\"" + fingerprint + "\",\"choices\":[{\"index\":0,\"delta\":";
    String tail = ",\"logprobs\":null,\"finish_reason\":null}],\"usage\":null,\"obfuscation\":\"";

    sb.append(head).append(kind == Kind.REASONING
        ? "{\"role\":\"assistant\",\"content\":null,\"reasoning_content\":\"\"}"
        : "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}");
    sb.append(tail).append(randomAlnum(rnd, 3 + rnd.nextInt(9))).append("\"}\n\n");

    int text = events - 4;
    int reasoning = kind == Kind.REASONING ? text * 4 / 5 : 0;
    int words = 0;
    for (int i = 0; i < text; i++) {
      String piece = piece(kind, rnd);
      words++;
      sb.append(head);
      if (i < reasoning) {
        sb.append("{\"content\":null,\"reasoning_content\":\"").append(piece).append("\"}");
      } else {
        sb.append("{\"content\":\"").append(piece).append("\"}");
      }
      sb.append(tail).append(randomAlnum(rnd, 1 + rnd.nextInt(12))).append("\"}\n\n");
    }

    sb.append(head).append("{}")
        .append(",\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":null,\"obfuscation\":\"")
        .append(randomAlnum(rnd, 5)).append("\"}\n\n");
    int prompt = 20 + rnd.nextInt(500);
    sb.append("data: {\"id\":\"").append(id)
        .append("\",\"object\":\"chat.completion.chunk\",\"created\":").append(created)
        .append(",\"model\":\"").append(MODEL).append("\",\"service_tier\":\"default\",")
        .append("\"system_fingerprint\":\"").append(fingerprint).append("\",\"choices\":[],")
        .append("\"usage\":{\"prompt_tokens\":").append(prompt)
        .append(",\"completion_tokens\":").append(words)
        .append(",\"total_tokens\":").append(prompt + words)
        .append(",\"prompt_tokens_details\":{\"cached_tokens\":0,\"audio_tokens\":0},")
        .append("\"completion_tokens_details\":{\"reasoning_tokens\":").append(reasoning)
        .append(",\"audio_tokens\":0,\"accepted_prediction_tokens\":0,")
        .append("\"rejected_prediction_tokens\":0}},\"obfuscation\":\"")
        .append(randomAlnum(rnd, 11)).append("\"}\n\n");
    sb.append("data: [DONE]\n\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String piece(Kind kind, Random rnd) {
    switch (kind) {
      case ZH: {
        int n = 1 + rnd.nextInt(3);
        int at = rnd.nextInt(ZH.length() - n);
        return rnd.nextInt(12) == 0 ? ZH.substring(at, at + n) + "，" : ZH.substring(at, at + n);
      }
      case EMOJI:
        return rnd.nextInt(3) == 0
            ? EN[rnd.nextInt(EN.length)] : " " + EMOJI[rnd.nextInt(EMOJI.length)];
      default:
        return EN[rnd.nextInt(EN.length)];
    }
  }

  static String randomAlnum(Random rnd, int n) {
    char[] c = new char[n];
    for (int i = 0; i < n; i++) {
      c[i] = ALNUM.charAt(rnd.nextInt(ALNUM.length()));
    }
    return new String(c);
  }
}
