package org.ssechat.client.http;

import org.ssechat.client.Attachment;
import org.ssechat.client.ChatMessage;
import org.ssechat.client.ChatRequest;
import tools.jackson.core.JsonGenerator;

/**
 * The OpenAI Responses request body ({@code POST /v1/responses}): the system prompt as
 * {@code instructions}, the conversation as {@code input} items ({@code input_text} and
 * {@code input_image} parts for the user, {@code output_text} for earlier answers), reasoning
 * summaries asked for ({@code reasoning.summary: auto}) so reasoning models show their thinking.
 */
final class ResponsesRequestJson {

  private ResponsesRequestJson() {}

  static byte[] body(ChatRequest r, boolean reasoningSummary) {
    return RequestJson.object(r, g -> {
      String instructions = RequestJson.systemPrompt(r.messages());
      if (instructions != null) {
        g.writeName("instructions");
        g.writeString(instructions);
      }
      g.writeName("input");
      g.writeStartArray();
      for (ChatMessage m : r.messages()) {
        if (!m.role().equals("system")) {
          item(g, m);
        }
      }
      g.writeEndArray();
      g.writeName("stream");
      g.writeBoolean(true);
      if (r.maxTokens() != null) {
        g.writeName("max_output_tokens");
        g.writeNumber(r.maxTokens());
      }
      if (r.temperature() != null) {
        g.writeName("temperature");
        g.writeNumber(r.temperature());
      }
      if (reasoningSummary) {
        g.writeName("reasoning");
        g.writeStartObject();
        g.writeName("summary");
        g.writeString("auto");
        g.writeEndObject();
      }
    });
  }

  private static void item(JsonGenerator g, ChatMessage m) {
    boolean assistant = m.role().equals("assistant");
    String textType = assistant ? "output_text" : "input_text";
    g.writeStartObject();
    g.writeName("role");
    g.writeString(m.role());
    g.writeName("content");
    g.writeStartArray();
    part(g, textType, "text", m.content());
    for (Attachment a : m.attachments()) {
      if (a.bytes() == null) {
        part(g, textType, "text", RequestJson.missing(a));
      } else if (a.isImage()) {
        part(g, "input_image", "image_url", "data:" + a.mediaType() + ";base64,"
            + java.util.Base64.getEncoder().encodeToString(a.bytes()));
      } else {
        part(g, textType, "text", RequestJson.fenced(a.name(), a.text()));
      }
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void part(JsonGenerator g, String type, String field, String value) {
    g.writeStartObject();
    g.writeName("type");
    g.writeString(type);
    g.writeName(field);
    g.writeString(value);
    g.writeEndObject();
  }
}
