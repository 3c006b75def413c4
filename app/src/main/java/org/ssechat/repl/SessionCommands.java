package org.ssechat.repl;

import java.io.PrintWriter;
import java.util.List;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.shell.core.command.completion.CompletionProposal;
import org.ssechat.cli.SimpleCommand;
import org.ssechat.client.Attachment;
import org.ssechat.failure.ChatException;
import org.ssechat.failure.UsageException;
import org.ssechat.session.Session;
import org.ssechat.session.SessionStore;
import org.ssechat.session.Turn;
import org.ssechat.text.TerminalText;

/**
 * The REPL's session commands: {@code /new}, {@code /history}, {@code /undo}, {@code /save},
 * {@code /load} and {@code /sessions}.
 */
final class SessionCommands {
  private static final String SESSION = ReplCommands.SESSION;
  /** How much of a message {@code /undo} quotes. */
  private static final int QUOTE_CHARS = 60;

  private final Conversation chat;

  SessionCommands(Conversation chat) {
    this.chat = chat;
  }

  Command newSession() {
    return new SimpleCommand("new", SESSION, "/new", "Start a new session (keeps the system prompt)",
        ctx -> {
          chat.switchTo(Session.fresh(chat.session().system()));
          return ReplCommands.say(ctx, "new session " + chat.session().name());
        });
  }

  Command history() {
    return new SimpleCommand("history", SESSION, "/history", "Show the conversation so far", ctx -> {
      PrintWriter out = ctx.outputWriter();
      Session s = chat.session();
      if (s.system() != null) {
        out.println("system: " + TerminalText.sanitize(s.system()));
      }
      int i = 0;
      for (Turn t : s.turns()) {
        i++;
        out.println("[" + i + "] you: " + TerminalText.sanitize(t.user()));
        for (Attachment a : t.attachments()) {
          out.println("    + " + TerminalText.oneLine(a.describe(), Integer.MAX_VALUE)
              + (a.bytes() == null ? " (content missing)" : ""));
        }
        String mark = switch (t.outcome()) {
          case FINISHED -> "";
          case CANCELLED -> " [interrupted]";
          case TRUNCATED -> " [truncated]";
          case ERROR -> " [error: " + t.error() + "]";
        };
        // Answers, model names and errors came from a server: shown sanitized, like live ones.
        out.println("[" + i + "] " + (t.model() == null ? "assistant"
            : TerminalText.oneLine(t.model(), Integer.MAX_VALUE)) + TerminalText.sanitize(mark)
            + ": " + TerminalText.sanitize(t.answer()));
      }
      if (s.isEmpty()) {
        out.println("(no messages yet)");
      }
      out.flush();
      return ExitStatus.OK;
    });
  }

  Command undo() {
    return new SimpleCommand("undo", SESSION, "/undo", "Drop the last exchange", ctx -> {
      Turn t = chat.session().removeLast();
      if (t == null) {
        return ReplCommands.say(ctx, "nothing to undo");
      }
      chat.save(ctx.outputWriter());
      return ReplCommands.say(ctx, "dropped: " + abbreviate(t.user()));
    });
  }

  Command save() {
    return new SimpleCommand("save", SESSION, "/save NAME", "Save the session as NAME (autosave continues there)",
        ctx -> {
          String name = SimpleCommand.rest(ctx);
          if (name.isEmpty()) {
            throw new UsageException("usage: /save NAME");
          }
          SessionStore.checkName(name);
          if (!name.equals(chat.session().name()) && chat.store().exists(name)) {
            throw new ChatException("not saved: a session named " + name + " exists (another "
                + "conversation); choose another name, or /load " + name);
          }
          chat.session().rename(name);
          return ReplCommands.say(ctx, "saved " + chat.store().save(chat.session()));
        });
  }

  Command load() {
    SimpleCommand c = new SimpleCommand("load", SESSION, "/load NAME", "Continue a saved session", ctx -> {
      String name = SimpleCommand.rest(ctx);
      if (name.isEmpty()) {
        throw new UsageException("usage: /load NAME");
      }
      Session s = chat.store().load(name);
      chat.switchTo(s);
      return ReplCommands.say(ctx, "loaded " + name + " (" + s.turns().size() + " exchanges)");
    });
    c.setCompletionProvider(context -> chat.store().list().stream()
        .map(i -> new CompletionProposal(i.name())).toList());
    return c;
  }

  Command list() {
    return new SimpleCommand("sessions", SESSION, "/sessions", "List saved sessions", ctx -> {
      PrintWriter out = ctx.outputWriter();
      List<SessionStore.Info> all = chat.store().list();
      for (SessionStore.Info i : all) {
        String mark = i.name().equals(chat.session().name()) ? "* " : "  ";
        out.printf("%s%-32s %s  %s%n", mark, i.name(),
            i.turns() < 0 ? "(unreadable)" : i.turns() + " exchanges", i.updated() == null ? "" : i.updated());
      }
      if (all.isEmpty()) {
        out.println("(no saved sessions in " + chat.store().dir() + ")");
      }
      out.flush();
      return ExitStatus.OK;
    });
  }

  private static String abbreviate(String s) {
    String one = s.replace('\n', ' ');
    return one.length() <= QUOTE_CHARS ? one : one.substring(0, QUOTE_CHARS - 1) + "…";
  }
}
