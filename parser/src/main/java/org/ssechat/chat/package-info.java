/**
 * The OpenAI-compatible chat wire format, read with the package's own strict JSON cursor
 * ({@code JsonCursor}, no dependencies, no object trees): streamed {@code chat.completion.chunk}
 * events and non-streamed {@code chat.completion} documents
 * ({@link org.ssechat.chat.ChatChunkDecoder}), error objects
 * ({@link org.ssechat.chat.StreamError#fromJson}) and model lists
 * ({@link org.ssechat.chat.ModelList}).
 *
 * <p>{@link org.ssechat.chat.ChatChunkDecoder} is an {@link org.ssechat.sse.SseListener}, so it
 * plugs straight into a parser: {@code SseParsers.create(new ChatChunkDecoder(deltaListener))}.
 */
package org.ssechat.chat;
