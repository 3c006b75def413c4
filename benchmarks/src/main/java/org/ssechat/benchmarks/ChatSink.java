package org.ssechat.benchmarks;

/** What end-to-end extraction yields. Text slices are borrowed: valid only until return. */
public interface ChatSink {

  /** A piece of {@code choices[].delta.content}. */
  void content(char[] text, int off, int len);

  /** A piece of {@code delta.reasoning_content} (or {@code delta.reasoning}). */
  void reasoning(char[] text, int off, int len);

  /** A non-null {@code choices[].finish_reason}. */
  void finish(String reason);

  /** A top-level {@code usage} object's counts (-1 for a count that is missing). */
  void usage(long prompt, long completion, long total);
}
