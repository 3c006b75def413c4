package org.ssechat.replay;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds an OpenAI-style {@code chat.completion.chunk} SSE body in memory, remembering where each
 * event ends: the synthetic bundled recordings and the offline provider's "no recorded answer"
 * reply are made with it, so both are real SSE bytes that go through the same parser and chunk
 * decoder as a live answer. Not thread-safe.
 */
public final class ChunkStream {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final String model;
  private final String id;
  private final long created;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final List<Integer> eventEnds = new ArrayList<>();
  private final List<Integer> pauses = new ArrayList<>();

  /**
   * @param model   the {@code model} of every chunk
   * @param id      the {@code id} of every chunk
   * @param created the {@code created} of every chunk (seconds since the epoch)
   */
  public ChunkStream(String model, String id, long created) {
    this.model = model;
    this.id = id;
    this.created = created;
  }

  /**
   * Splits English text into word pieces the way a model streams it: each piece is a word with
   * the space or line break before it (a run of line breaks goes with the word after it).
   */
  public static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == ' ' || text.charAt(i) == '\n') {
        if (i < text.length() && text.charAt(i - 1) == '\n') {
          continue; // keep a run of line breaks with the word after it
        }
        out.add(text.substring(start, i));
        start = i;
      }
    }
    return out;
  }

  /** The first chunk: {@code role: assistant}, empty content. */
  public void role() {
    ObjectNode delta = JSON.createObjectNode();
    delta.put("role", "assistant");
    delta.put("content", "");
    chunk(delta, null);
  }

  /** The first chunk of a reasoning model: role, {@code content: null}, empty reasoning. */
  public void roleWithEmptyReasoning() {
    ObjectNode delta = JSON.createObjectNode();
    delta.put("role", "assistant");
    delta.putNull("content");
    delta.put("reasoning_content", "");
    chunk(delta, null);
  }

  public void content(String text) {
    chunk(JSON.createObjectNode().put("content", text), null);
  }

  /** A {@code reasoning_content} delta (DeepSeek style), {@code content: null}. */
  public void reasoning(String text) {
    ObjectNode delta = JSON.createObjectNode();
    delta.putNull("content");
    delta.put("reasoning_content", text);
    chunk(delta, null);
  }

  /** An empty delta with {@code finish_reason}. */
  public void finish(String reason) {
    chunk(JSON.createObjectNode(), reason);
  }

  /** The usage chunk ({@code choices: []}); {@code reasoning > 0} adds reasoning_tokens. */
  public void usage(long prompt, long completion, long reasoning) {
    ObjectNode c = header();
    c.putArray("choices");
    ObjectNode u = c.putObject("usage");
    u.put("prompt_tokens", prompt);
    u.put("completion_tokens", completion);
    u.put("total_tokens", prompt + completion);
    if (reasoning > 0) {
      u.putObject("completion_tokens_details").put("reasoning_tokens", reasoning);
    }
    event(c);
  }

  /** {@code data: [DONE]}. */
  public void done() {
    raw("data: [DONE]\n\n");
  }

  /** Marks that a longer pause comes before the next event. */
  public void pauseBeforeNext() {
    pauses.add(bytes.size());
  }

  /** Appends {@code text} as one event, as is. */
  public void raw(String text) {
    bytes.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    eventEnds.add(bytes.size());
  }

  public String model() {
    return model;
  }

  /** The body so far (a copy). */
  public byte[] bytes() {
    return bytes.toByteArray();
  }

  /** Offsets where each event ends, in order. */
  public List<Integer> eventEnds() {
    return List.copyOf(eventEnds);
  }

  /** Offsets after which {@link #pauseBeforeNext()} asked for a pause. */
  public List<Integer> pauses() {
    return List.copyOf(pauses);
  }

  private ObjectNode header() {
    ObjectNode c = JSON.createObjectNode();
    c.put("id", id);
    c.put("object", "chat.completion.chunk");
    c.put("created", created);
    c.put("model", model);
    return c;
  }

  private void chunk(ObjectNode delta, String finish) {
    ObjectNode c = header();
    ObjectNode choice = c.putArray("choices").addObject();
    choice.put("index", 0);
    choice.set("delta", delta);
    if (finish == null) {
      choice.putNull("finish_reason");
    } else {
      choice.put("finish_reason", finish);
    }
    event(c);
  }

  private void event(ObjectNode chunk) {
    raw("data: " + JSON.writeValueAsString(chunk) + "\n\n");
  }
}
