package org.ssechat.benchmarks;

import java.util.List;
import org.ssechat.sse.SseEvent;

/**
 * End-to-end pipelines: a framing contender plus chat extraction. Every string/byte contender runs
 * the same {@link ChatJson} code on its event data; {@code zero-copy} runs the real decoder.
 */
public final class EndToEnd {

  /** Pipeline names, as in {@code @Param} values and reports. */
  public static final List<String> PIPELINES =
      List.of("zero-copy+chatjson", "naive", "okhttp", "spring", "launchdarkly");

  private EndToEnd() {}

  /** Whether a wrong result from this pipeline fails the gate. */
  public static boolean mustBeCorrect(String pipeline) {
    return !pipeline.equals("naive");
  }

  /** A pipeline delivering to {@code sink}. */
  public static Framer pipeline(String name, ChatSink sink) {
    switch (name) {
      case "zero-copy+chatjson":
        return Contender.ZERO_COPY.framer(new EventSink() {
          @Override
          public void onEvent(SseEvent e) {
            ChatJson.extract(e.dataArray(), e.dataOffset(), e.dataLength(), sink);
          }

          @Override
          public void onEvent(String type, String data) {
            throw new AssertionError("zero-copy delivers views");
          }
        });
      default:
        return Contender.of(name).framer(new EventSink() {
          @Override
          public void onEvent(SseEvent e) {
            // naive: decode as its Python original does (json.loads on the str line)
            ChatJson.extract(e.data(), sink);
          }

          @Override
          public void onEvent(String type, String data) {
            ChatJson.extract(data, sink);
          }
        });
    }
  }
}
