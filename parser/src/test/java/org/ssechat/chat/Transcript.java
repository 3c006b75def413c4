package org.ssechat.chat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ssechat.sse.SseLimits;
import org.ssechat.sse.SseParser;
import org.ssechat.sse.SseParsers;
import org.ssechat.sse.testing.Chunkings;

/**
 * Records every callback as one line ({@code content 0 Hello}), and scribbles over borrowed text
 * after copying it, so a decoder that reuses a slice after the callback returned is caught.
 */
final class Transcript implements ChatDeltaListener {

  final List<String> lines = new ArrayList<>();
  final List<Usage> usages = new ArrayList<>();
  final List<StreamError> errors = new ArrayList<>();
  final List<String> excerpts = new ArrayList<>();

  /** Decodes {@code sse} through the zero-copy parser in reads of {@code readSize} bytes. */
  static Transcript decode(byte[] sse, int readSize, ChatDeltaListener... more) {
    return decode(ChatStreamDecoder.Dialect.CHAT, sse,
        Chunkings.fixed("reads", sse.length, Math.min(readSize, Math.max(1, sse.length))).sizes(),
        more);
  }

  /** Decodes {@code sse} as {@code dialect} through the zero-copy parser in reads of {@code sizes}. */
  static Transcript decode(ChatStreamDecoder.Dialect dialect, byte[] sse, int[] sizes,
      ChatDeltaListener... more) {
    Transcript t = new Transcript();
    ChatDeltaListener[] all = new ChatDeltaListener[more.length + 1];
    // Last, because it scribbles over the text after reading it.
    System.arraycopy(more, 0, all, 0, more.length);
    all[more.length] = t;
    SseParser parser = SseParsers.create("zero-copy",
        ChatStreamDecoder.of(dialect, ChatDeltaListeners.tee(all)), SseLimits.DEFAULTS);
    int pos = 0;
    for (int n : sizes) {
      byte[] read = new byte[n];
      System.arraycopy(sse, pos, read, 0, n);
      parser.feed(read, 0, n);
      pos += n;
    }
    parser.endOfInput();
    return t;
  }

  static Transcript decode(String sse, ChatDeltaListener... more) {
    byte[] b = sse.getBytes(StandardCharsets.UTF_8);
    return decode(b, Math.max(1, b.length), more);
  }

  private static String take(char[] text, int off, int len) {
    String s = new String(text, off, len);
    java.util.Arrays.fill(text, off, off + len, '#');
    return s;
  }

  @Override
  public void onModel(String model) {
    lines.add("model " + model);
  }

  @Override
  public void onRole(int choice, String role) {
    lines.add("role " + choice + " " + role);
  }

  @Override
  public void onContent(int choice, char[] text, int off, int len) {
    lines.add("content " + choice + " " + take(text, off, len));
  }

  @Override
  public void onReasoning(int choice, char[] text, int off, int len) {
    lines.add("reasoning " + choice + " " + take(text, off, len));
  }

  @Override
  public void onRefusal(int choice, char[] text, int off, int len) {
    lines.add("refusal " + choice + " " + take(text, off, len));
  }

  @Override
  public void onToolCallFragment(int choice, int index, String id, String name, char[] arguments,
      int off, int len) {
    lines.add("tool " + choice + " " + index + " " + id + " " + name + " "
        + take(arguments, off, len));
  }

  @Override
  public void onFinish(int choice, String reason) {
    lines.add("finish " + choice + " " + reason);
  }

  @Override
  public void onUsage(Usage usage) {
    usages.add(usage);
    lines.add("usage " + usage.promptTokens() + " " + usage.completionTokens() + " "
        + usage.totalTokens() + " " + usage.reasoningTokens());
  }

  @Override
  public void onError(StreamError error) {
    errors.add(error);
    lines.add("error " + error.describe());
  }

  @Override
  public void onDone() {
    lines.add("done");
  }

  @Override
  public void onMalformed(String problem, String excerpt) {
    excerpts.add(excerpt);
    lines.add("malformed " + problem);
  }
}
