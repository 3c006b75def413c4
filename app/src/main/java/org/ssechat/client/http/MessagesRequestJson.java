package org.ssechat.client.http;

import java.util.ArrayList;
import java.util.List;
import org.ssechat.client.Attachment;
import org.ssechat.client.ChatMessage;
import org.ssechat.client.ChatRequest;
import tools.jackson.core.JsonGenerator;

/**
 * The Anthropic Messages request body ({@code POST /v1/messages}): the system prompt top-level,
 * {@code max_tokens} always (the API requires it; {@value #DEFAULT_MAX_TOKENS} unless the request
 * says), user and assistant turns strictly alternating (consecutive messages of one role are
 * joined), files as {@code text} and {@code image} (base64 source) blocks.
 */
final class MessagesRequestJson {
  /** {@code max_tokens} when the request gives none. */
  static final int DEFAULT_MAX_TOKENS = 4096;

  private MessagesRequestJson() {}

  static byte[] body(ChatRequest r) {
    return RequestJson.object(r, g -> {
      g.writeName("max_tokens");
      g.writeNumber(r.maxTokens() != null ? r.maxTokens() : DEFAULT_MAX_TOKENS);
      String system = RequestJson.systemPrompt(r.messages());
      if (system != null) {
        g.writeName("system");
        g.writeString(system);
      }
      g.writeName("messages");
      g.writeStartArray();
      for (List<ChatMessage> turn : alternating(r.messages())) {
        g.writeStartObject();
        g.writeName("role");
        g.writeString(turn.get(0).role());
        g.writeName("content");
        g.writeStartArray();
        for (ChatMessage m : turn) {
          blocks(g, m);
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeName("stream");
      g.writeBoolean(true);
      if (r.temperature() != null) {
        g.writeName("temperature");
        g.writeNumber(r.temperature());
      }
    });
  }

  /** The non-system messages grouped into runs of one role (the API wants them alternating). */
  private static List<List<ChatMessage>> alternating(List<ChatMessage> messages) {
    List<List<ChatMessage>> turns = new ArrayList<>();
    for (ChatMessage m : messages) {
      if (m.role().equals("system")) {
        continue;
      }
      List<ChatMessage> last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
      if (last != null && last.get(0).role().equals(m.role())) {
        last.add(m);
      } else {
        turns.add(new ArrayList<>(List.of(m)));
      }
    }
    return turns;
  }

  private static void blocks(JsonGenerator g, ChatMessage m) {
    if (!m.content().isEmpty()) {
      RequestJson.textPart(g, m.content());
    }
    for (Attachment a : m.attachments()) {
      if (a.bytes() == null) {
        RequestJson.textPart(g, RequestJson.missing(a));
      } else if (a.isImage()) {
        g.writeStartObject();
        g.writeName("type");
        g.writeString("image");
        g.writeName("source");
        g.writeStartObject();
        g.writeName("type");
        g.writeString("base64");
        g.writeName("media_type");
        g.writeString(a.mediaType());
        g.writeName("data");
        g.writeString(java.util.Base64.getEncoder().encodeToString(a.bytes()));
        g.writeEndObject();
        g.writeEndObject();
      } else {
        RequestJson.textPart(g, RequestJson.fenced(a.name(), a.text()));
      }
    }
  }
}
