/**
 * Streaming decoder for OpenAI-compatible {@code chat.completion.chunk} events: SSE event data in,
 * typed deltas out, with Jackson's streaming core and no object trees.
 *
 * <p>{@link org.ssechat.chat.ChatChunkDecoder} is an {@link org.ssechat.sse.SseListener}, so it
 * plugs straight into a parser: {@code SseParsers.create(new ChatChunkDecoder(deltaListener))}.
 */
package org.ssechat.chat;
