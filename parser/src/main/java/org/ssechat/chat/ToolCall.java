package org.ssechat.chat;

/**
 * A whole tool call, merged from its streamed fragments by index.
 *
 * @param index     {@code tool_calls[].index}
 * @param id        the call id, or null if the stream never sent one
 * @param name      the function name, or null
 * @param arguments the concatenated arguments text (JSON, unvalidated)
 */
public record ToolCall(int index, String id, String name, String arguments) {}
