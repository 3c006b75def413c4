package org.ssechat.session;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.ssechat.client.Attachment;
import org.ssechat.client.ChatMessage;

/**
 * A conversation: an optional system prompt and the turns so far. Not thread-safe; the REPL
 * touches it from one thread.
 */
public final class Session {
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private String name;
  private final String created;
  private String system;
  private final List<Turn> turns = new ArrayList<>();

  public Session(String name, String created, String system, List<Turn> turns) {
    this.name = name;
    this.created = created;
    this.system = system;
    this.turns.addAll(turns);
  }

  /** A new, empty session named after the current time, e.g. {@code 20261124-193012-4f2a}. */
  public static Session fresh(String system) {
    Instant now = Instant.now();
    String id = ID_TIME.format(now) + "-" + Integer.toHexString(0x1000 + ThreadLocalRandom.current().nextInt(0xF000));
    return new Session(id, now.toString(), system, List.of());
  }

  public String name() {
    return name;
  }

  public void rename(String newName) {
    this.name = SessionStore.checkName(newName);
  }

  public String created() {
    return created;
  }

  public String system() {
    return system;
  }

  public void setSystem(String system) {
    this.system = system == null || system.isBlank() ? null : system;
  }

  public List<Turn> turns() {
    return List.copyOf(turns);
  }

  public boolean isEmpty() {
    return turns.isEmpty();
  }

  public void add(Turn turn) {
    turns.add(turn);
  }

  /** Removes and returns the last turn, or null if there is none. */
  public Turn removeLast() {
    return turns.isEmpty() ? null : turns.remove(turns.size() - 1);
  }

  public Turn last() {
    return turns.isEmpty() ? null : turns.get(turns.size() - 1);
  }

  /**
   * The messages to send for a new user message: the system prompt, then every turn that is
   * {@linkplain Turn#inContext() in context} as a user/assistant pair (partial answers of
   * interrupted or truncated turns included, as the user saw them), then {@code userMessage}.
   * Tool calls are not replayed: ssechat runs no tools, so there are no results to pair them with.
   */
  public List<ChatMessage> messagesFor(String userMessage) {
    return messagesFor(userMessage, List.of());
  }

  /** {@link #messagesFor(String)} for a message sent with files; earlier turns keep theirs. */
  public List<ChatMessage> messagesFor(String userMessage, List<Attachment> attachments) {
    List<ChatMessage> out = new ArrayList<>();
    if (system != null) {
      out.add(ChatMessage.system(system));
    }
    for (Turn t : turns) {
      if (t.inContext()) {
        out.add(ChatMessage.user(t.user(), t.attachments()));
        out.add(ChatMessage.assistant(t.answer()));
      }
    }
    out.add(ChatMessage.user(userMessage, attachments));
    return out;
  }
}
