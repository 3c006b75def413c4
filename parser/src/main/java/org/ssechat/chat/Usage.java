package org.ssechat.chat;

/**
 * Token counts from a {@code usage} object. Counts a provider left out are -1.
 *
 * @param promptTokens     {@code prompt_tokens}
 * @param completionTokens {@code completion_tokens}
 * @param totalTokens      {@code total_tokens}
 * @param reasoningTokens  {@code completion_tokens_details.reasoning_tokens}
 */
public record Usage(long promptTokens, long completionTokens, long totalTokens,
    long reasoningTokens) {}
