package org.ssechat.chat;

/**
 * Receives the typed pieces of a streamed chat completion, in stream order, from a
 * {@link ChatStreamDecoder} (of any dialect; the Anthropic Messages and Responses decoders report
 * everything as choice 0). All methods default to no-ops.
 *
 * <p>Text arrives as borrowed {@code char[]} slices, valid only until the callback returns, so
 * no {@code String} is made per token. {@code choice} is the {@code choices[].index} (0 for
 * nearly every stream).
 */
public interface ChatDeltaListener {

  /** The chunk's {@code model} (reported when it first appears and whenever it changes). */
  default void onModel(String model) {}

  /** {@code delta.role}. */
  default void onRole(int choice, String role) {}

  /** A piece of {@code delta.content} (a string, or the text of a content part). */
  default void onContent(int choice, char[] text, int off, int len) {}

  /**
   * A piece of reasoning: {@code delta.reasoning_content}, {@code delta.reasoning}, or the text of
   * {@code delta.reasoning_details} entries, or a {@code thinking} content part.
   */
  default void onReasoning(int choice, char[] text, int off, int len) {}

  /** A piece of {@code delta.refusal}. */
  default void onRefusal(int choice, char[] text, int off, int len) {}

  /**
   * A {@code delta.tool_calls[]} fragment. {@code id} and {@code name} are null when the fragment
   * does not carry them; {@code arguments} is a borrowed slice (possibly empty).
   */
  default void onToolCallFragment(int choice, int index, String id, String name,
      char[] arguments, int off, int len) {}

  /** A non-null {@code finish_reason}. */
  default void onFinish(int choice, String reason) {}

  /** A {@code usage} object, wherever it appeared (top level, in a choice, {@code x_groq}). */
  default void onUsage(Usage usage) {}

  /** An error sent inside the stream: an {@code error} object, or an {@code event: error}. */
  default void onError(StreamError error) {}

  /** The {@code [DONE]} sentinel. It does not prove the answer is complete. */
  default void onDone() {}

  /**
   * An event whose data was not valid JSON (or not an object). The decoder skips it and goes on.
   *
   * @param problem what was wrong, one line
   * @param excerpt the start of the data, at most 80 characters
   */
  default void onMalformed(String problem, String excerpt) {}
}
