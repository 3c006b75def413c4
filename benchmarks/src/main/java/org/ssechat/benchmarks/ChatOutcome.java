package org.ssechat.benchmarks;

/**
 * What an end-to-end pipeline extracted from one stream, as owned values, for comparisons.
 *
 * @param content   all content pieces joined
 * @param reasoning all reasoning pieces joined
 * @param finish    the finish reasons seen, comma-separated
 * @param usage     {@code prompt/completion/total} of each usage object, comma-separated
 */
public record ChatOutcome(String content, String reasoning, String finish, String usage) {

  /** A {@link ChatSink} that records what it is given. */
  public static final class Recorder implements ChatSink {
    private final StringBuilder content = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private final StringBuilder finish = new StringBuilder();
    private final StringBuilder usage = new StringBuilder();

    @Override
    public void content(char[] text, int off, int len) {
      content.append(text, off, len);
    }

    @Override
    public void reasoning(char[] text, int off, int len) {
      reasoning.append(text, off, len);
    }

    @Override
    public void finish(String reason) {
      finish.append(finish.length() == 0 ? "" : ",").append(reason);
    }

    @Override
    public void usage(long prompt, long completion, long total) {
      usage.append(usage.length() == 0 ? "" : ",").append(prompt).append('/').append(completion)
          .append('/').append(total);
    }

    /** The outcome so far; then starts over. */
    public ChatOutcome take() {
      ChatOutcome o = new ChatOutcome(content.toString(), reasoning.toString(),
          finish.toString(), usage.toString());
      content.setLength(0);
      reasoning.setLength(0);
      finish.setLength(0);
      usage.setLength(0);
      return o;
    }
  }
}
