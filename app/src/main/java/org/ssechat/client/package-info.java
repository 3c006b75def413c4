/**
 * The streaming chat engine: one request to an OpenAI-compatible {@code /v1/chat/completions}
 * endpoint (or to the offline provider), its bytes pushed through the SSE parser and chunk
 * decoder, deltas out to a listener, and a {@link org.ssechat.client.ChatResult} at the end —
 * always including the partial answer.
 */
package org.ssechat.client;
