package org.ssechat.benchmarks;

import java.util.List;
import org.ssechat.chat.ChatChunkDecoder;
import org.ssechat.chat.ChatDeltaListener;
import org.ssechat.chat.Usage;
import org.ssechat.sse.SseEvent;

/**
 * End-to-end pipelines: a framing contender plus chat extraction. Every string/byte contender runs
 * the same {@link ChatJson} code on its event data; {@code zero-copy} runs the real decoder
 * ({@link ChatChunkDecoder}), and {@code zero-copy+chatjson} is the control that runs the zero-copy
 * parser with the shared code.
 */
public final class EndToEnd {

  /** Pipeline names, as in {@code @Param} values and reports. */
  public static final List<String> PIPELINES =
      List.of("zero-copy", "zero-copy+chatjson", "naive", "okhttp", "spring", "launchdarkly");

  private EndToEnd() {}

  /** The real chat decoder, reporting into {@code sink}. */
  public static ChatChunkDecoder decoder(ChatSink sink) {
    return new ChatChunkDecoder(listener(sink));
  }

  /** Deltas of any dialect's decoder, into {@code sink}. */
  public static ChatDeltaListener listener(ChatSink sink) {
    return new ChatDeltaListener() {
      @Override
      public void onContent(int choice, char[] text, int off, int len) {
        sink.content(text, off, len);
      }

      @Override
      public void onReasoning(int choice, char[] text, int off, int len) {
        sink.reasoning(text, off, len);
      }

      @Override
      public void onFinish(int choice, String reason) {
        sink.finish(reason);
      }

      @Override
      public void onUsage(Usage usage) {
        sink.usage(usage.promptTokens(), usage.completionTokens(), usage.totalTokens());
      }
    };
  }

  /** Whether a wrong result from this pipeline fails the gate. */
  public static boolean mustBeCorrect(String pipeline) {
    return !pipeline.equals("naive");
  }

  /** A pipeline delivering to {@code sink}. */
  public static Framer pipeline(String name, ChatSink sink) {
    switch (name) {
      case "zero-copy":
        return new SpiFramer("zero-copy", decoder(sink));
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
