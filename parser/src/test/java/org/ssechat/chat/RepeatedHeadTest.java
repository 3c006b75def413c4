package org.ssechat.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ssechat.sse.SseLimits;
import org.ssechat.sse.SseParser;
import org.ssechat.sse.SseParsers;
import org.ssechat.sse.testing.Gen;
import org.ssechat.sse.testing.Property;
import org.ssechat.sse.testing.Shrink;

/**
 * The decoder skips the bytes an event shares with the last event's head (see
 * {@code ChatChunkDecoder}): that must never change what it reports. Every stream here is decoded
 * twice, reusing heads and reading every event in full, and the two transcripts must be equal.
 */
class RepeatedHeadTest {

  private static final String HEAD = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\","
      + "\"created\":1700000000,\"model\":\"m1\",\"system_fingerprint\":\"fp_1\",";

  @Test
  void aRepeatedHeadIsSkippedUpToItsLastQuietName() {
    String body = "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"x\"}}]}";
    Probe p = decode(List.of(HEAD + body, HEAD + body, HEAD + body));
    // The first event reports the model, which forgets the head (a "model" in it is quiet only
    // while it matches); the second is quiet all along its head, so the third resumes at
    // "choices".
    assertThat(p.resumes).containsExactly(0, 0, HEAD.length());
    assertThat(p.transcript.lines).containsExactly("model m1", "content 0 x", "content 0 x",
        "content 0 x");
  }

  @Test
  void aChangedByteResumesBeforeItsProperty() {
    String body = "\"choices\":[{\"delta\":{\"content\":\"x\"}}]}";
    String changed = HEAD.replace("1700000000", "1700000001");
    Probe p = decode(List.of(HEAD + body, HEAD + body, changed + body, "{}", HEAD + body));
    // "{}" has no head, so the event after it is read in full.
    assertThat(p.resumes).containsExactly(0, 0, HEAD.indexOf("\"created\""), 0, 0);
    assertThat(p.transcript.lines).containsExactly("model m1", "content 0 x", "content 0 x",
        "content 0 x", "content 0 x");
  }

  @Test
  void resumedEventsAreStillCheckedAfterTheHead() {
    Probe p = decode(List.of(HEAD + "\"choices\":[]}", HEAD + "\"choices\":[]}",
        HEAD + "\"choices\":[}", HEAD + "}", HEAD, HEAD + "\"choices\":[]} x"));
    assertThat(p.transcript.lines).containsExactly("model m1",
        "malformed invalid JSON: unexpected '}' at byte " + (HEAD.length() + 11),
        "malformed invalid JSON: expected a property name in double quotes, found '}' at byte "
            + HEAD.length(),
        "malformed truncated JSON (the data ends inside the object)",
        "malformed unexpected text after the JSON object");
  }

  @ParameterizedTest
  @MethodSource("org.ssechat.chat.CorpusDecodeTest#corpus")
  void everyCorpusStreamDecodesTheSameEitherWay(String file) throws IOException {
    byte[] sse;
    try (InputStream in = getClass().getResourceAsStream("/corpus/" + file)) {
      sse = in.readAllBytes();
    }
    assertThat(lines(sse, true)).isEqualTo(lines(sse, false));
  }

  /** 300 streams of up to 12 events mixing look-alike heads, bodies and junk. */
  @Test
  void anyMixOfHeadsDecodesTheSameEitherWay() {
    Property.forAll("anyMixOfHeadsDecodesTheSameEitherWay", 300, streams(),
        Shrink.list(Shrink.string()), events -> {
          StringBuilder sb = new StringBuilder();
          for (String e : events) {
            sb.append("data: ").append(e).append("\n\n");
          }
          byte[] sse = sb.toString().getBytes(StandardCharsets.UTF_8);
          assertThat(lines(sse, true)).isEqualTo(lines(sse, false));
        });
  }

  private static Gen<List<String>> streams() {
    // Heads that share long prefixes and differ in one place: a number, the model, spacing, a
    // duplicated key, an error, a usage, broken JSON; and bodies from fine to broken.
    Gen<String> heads = Gen.of(HEAD,
        HEAD.replace("1700000000", "1700000001"),
        HEAD.replace("m1", "m2"),
        HEAD.replace(",\"model\"", ", \"model\""),
        HEAD.replace("\"model\":\"m1\",", "\"model\":\"m1\",\"model\":\"m3\","),
        HEAD.replace("\"system_fingerprint\"", "\"usage\":{\"total_tokens\":3},\"x\""),
        HEAD.replace("\"system_fingerprint\"", "\"error\":\"oops\",\"x\""),
        HEAD.replace("\"system_fingerprint\":\"fp_1\"", "\"choices\":[],\"y\":1"),
        HEAD.replace("\"fp_1\"", "\"fp_\\u0031\""),
        HEAD.replace("\"object\":", "\"object\"="),
        HEAD.replace("\"created\":1700000000,", "\"created\":1700000000,,"),
        HEAD.substring(0, 40),
        "{\"model\":\"m1\",",
        "{");
    Gen<String> bodies = Gen.of(
        "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}}]}",
        "\"choices\":[{\"index\":1,\"delta\":{\"reasoning_content\":\"r\"}}]}",
        "\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"total_tokens\":9}}",
        "\"choices\":[]}",
        "\"obfuscation\":\"q\"}",
        "\"choices\":[{\"delta\":{\"content\":\"b\"}}]",
        "\"choices\":[{\"delta\":{\"content\":\"c\"}}]} {}",
        "}",
        "");
    Gen<String> events = Gen.oneOf(Gen.strings("{}[]\":,ab1 ", 0, 12),
        Gen.combine(heads, bodies, (h, b) -> h + b));
    return events.list(1, 12);
  }

  private static List<String> lines(byte[] sse, boolean reuseHeads) {
    Transcript t = new Transcript();
    SseParser parser = SseParsers.create("zero-copy", new ChatChunkDecoder(t, reuseHeads),
        SseLimits.DEFAULTS);
    parser.feed(sse, 0, sse.length);
    parser.endOfInput();
    List<String> all = new ArrayList<>(t.lines);
    all.addAll(t.excerpts);
    return all;
  }

  private static Probe decode(List<String> events) {
    Probe p = new Probe();
    ChatChunkDecoder decoder = new ChatChunkDecoder(p.transcript);
    SseParser parser = SseParsers.create("zero-copy", e -> {
      decoder.onEvent(e);
      p.resumes.add(decoder.lastResume());
    }, SseLimits.DEFAULTS);
    for (String e : events) {
      byte[] b = ("data: " + e + "\n\n").getBytes(StandardCharsets.UTF_8);
      parser.feed(b, 0, b.length);
    }
    return p;
  }

  private static final class Probe {
    final Transcript transcript = new Transcript();
    final List<Integer> resumes = new ArrayList<>();
  }
}
