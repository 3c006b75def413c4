package org.ssechat.repl;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.ssechat.client.Attachment;
import org.ssechat.client.Cancellation;
import org.ssechat.client.ChatBackend;
import org.ssechat.client.ChatRequest;
import org.ssechat.client.ChatResult;
import org.ssechat.config.Settings;
import org.ssechat.config.SettingsHolder;
import org.ssechat.failure.ChatException;
import org.ssechat.render.Rendering;
import org.ssechat.failure.Failures;
import org.ssechat.failure.UsageException;
import org.ssechat.session.Session;
import org.ssechat.session.SessionStore;
import org.ssechat.session.Turn;

/**
 * The current chat: the session, the backend for the current settings, and sending a message
 * with streaming, Ctrl-C and autosave. Used from one thread (the REPL or the one-shot command).
 */
public final class Conversation {
  private final SettingsHolder settings;
  private final Function<Settings, ChatBackend> backends;
  private final Interrupts interrupts;
  private final boolean autosave;
  private Session session;
  private SessionStore store;
  private ChatBackend backend;
  private Settings backendSettings;
  private List<String> models;
  private final List<Attachment> pending = new ArrayList<>();
  private Rendering rendering = Rendering.plain();

  /**
   * @param backends creates the backend for given settings (called again when they change)
   * @param autosave whether every turn is saved to the sessions directory (the REPL)
   */
  public Conversation(SettingsHolder settings, Function<Settings, ChatBackend> backends,
      Interrupts interrupts, boolean autosave) {
    this.settings = settings;
    this.backends = backends;
    this.interrupts = interrupts;
    this.autosave = autosave;
    this.session = Session.fresh(settings.get().system());
  }

  public Settings settings() {
    return settings.get();
  }

  public SettingsHolder settingsHolder() {
    return settings;
  }

  public Session session() {
    return session;
  }

  /** How answers are drawn (Markdown or plain); {@code /render} changes it. */
  public Rendering rendering() {
    return rendering;
  }

  public void rendering(Rendering r) {
    this.rendering = java.util.Objects.requireNonNull(r, "rendering");
  }

  /**
   * Reads {@code file} and keeps it for the next message; one line on failure.
   *
   * @throws ChatException if the file contains the API key (it would be sent and saved)
   */
  public Attachment attach(Path file) {
    Attachment a = Attachment.load(file);
    refuseKey(a);
    pending.add(a);
    return a;
  }

  /** Queues already-read files for the next message again ({@code /retry}). */
  public void attachAgain(List<Attachment> files) {
    files.forEach(Conversation.this::refuseKey);
    pending.addAll(files);
  }

  /** Text or image, the key is ASCII: a byte-for-char view finds it in either. */
  private void refuseKey(Attachment a) {
    if (a.bytes() != null
        && settings.get().containsKey(new String(a.bytes(), StandardCharsets.ISO_8859_1))) {
      throw new ChatException("not attached: " + a.name() + " contains your API key");
    }
  }

  /** The files the next message will carry. */
  public List<Attachment> attachments() {
    return List.copyOf(pending);
  }

  /** Drops pending attachment {@code n} (1-based), or all when {@code n} is 0; the dropped. */
  public List<Attachment> detach(int n) {
    if (n == 0) {
      List<Attachment> all = List.copyOf(pending);
      pending.clear();
      return all;
    }
    if (n < 1 || n > pending.size()) {
      throw new UsageException("no attachment " + n + " (there "
          + (pending.size() == 1 ? "is 1" : "are " + pending.size()) + ")");
    }
    return List.of(pending.remove(n - 1));
  }

  /** Replaces the current session (after {@code /load} or {@code /new}). */
  public void switchTo(Session next) {
    this.session = next;
  }

  /**
   * Sets the session's system prompt (null or blank clears it).
   *
   * @throws ChatException if {@code text} contains the API key (it would be sent and saved)
   */
  public void setSystem(String text) {
    if (settings.get().containsKey(text)) {
      throw new ChatException("not set: the text contains your API key");
    }
    session.setSystem(text);
  }

  public SessionStore store() {
    Settings s = settings.get();
    if (store == null || !store.dir().equals(s.sessionsDir())) {
      store = new SessionStore(s.sessionsDir(), s.apiKey());
    }
    return store;
  }

  /**
   * The backend for the current settings, created on first use and again when a setting it
   * depends on changes (not for the model or reasoning display, which are per request).
   */
  public synchronized ChatBackend backend() {
    Settings key = settings.get().withModel("").withShowReasoning(true);
    if (backend == null || !key.equals(backendSettings)) {
      backend = backends.apply(settings.get());
      backendSettings = key;
    }
    return backend;
  }

  /** The backend's models, fetched once and cached; throws {@link ChatException}. */
  public synchronized List<String> models(boolean refresh) {
    if (models == null || refresh) {
      models = List.copyOf(backend().models());
    }
    return models;
  }

  /** Cached models if already fetched, else an empty list (for completion without a network wait). */
  public synchronized List<String> cachedModels() {
    return models == null ? List.of() : models;
  }

  /**
   * Sends {@code message} with the whole history, streams the answer to {@code out} (errors and
   * stats to {@code meta}), records the turn (also when interrupted or failed) and autosaves.
   *
   * @throws ChatException if the message was not sent (it contains the API key)
   */
  public Turn send(String message, PrintWriter out, PrintWriter meta, boolean ansi) {
    Settings s = settings.get();
    if (s.containsKey(message)) {
      throw new ChatException("not sent: the message contains your API key");
    }
    List<Attachment> files = List.copyOf(pending);
    ChatRequest request = ChatRequest.of(s.model(), session.messagesFor(message, files));
    AnswerRenderer renderer = new AnswerRenderer(out, meta,
        new AnswerRenderer.Options(ansi, s.showReasoning(), s.raw(),
            rendering.lookIfMarkdown()));
    ChatResult result = stream(request, renderer);
    Turn turn = Turn.of(message, files, result, Instant.now().toString());
    pending.clear(); // sent (also when the answer failed: the turn keeps them for /retry)
    session.add(turn); // kept before anything more is printed
    renderer.finish(result);
    save(meta);
    return turn;
  }

  private ChatResult stream(ChatRequest request, AnswerRenderer renderer) {
    Cancellation cancel = new Cancellation();
    try (Interrupts.Registration ignored = interrupts.onInterrupt(cancel::cancel)) {
      return backend().stream(request, renderer, cancel);
    } catch (RuntimeException e) {
      // The contract says backends do not throw; if one does, the user still gets one line.
      return cancel.isCancelled() ? ChatResult.cancelledBeforeResponse(request.model())
          : ChatResult.failedBeforeResponse(request.model(), Failures.oneLine(e));
    }
  }

  /** Autosaves the session if enabled (and it has turns or was saved before); a failure prints one line to {@code meta}. */
  public void save(PrintWriter meta) {
    if (!autosave || session.isEmpty() && !store().exists(session.name())) {
      return;
    }
    try {
      store().save(session);
    } catch (SessionStore.ConflictException e) {
      // Two REPLs on one session: keep both, never drop the other's turns.
      String was = session.name();
      session.rename(Session.fresh(session.system()).name());
      store().save(session);
      meta.println(e.getMessage() + "; nothing was overwritten: this conversation continues as "
          + session.name() + " (/load " + was + " shows the other)");
      meta.flush();
    } catch (ChatException e) {
      meta.println("autosave failed: " + e.getMessage());
      meta.flush();
    }
  }
}
