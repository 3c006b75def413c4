package org.ssechat.repl;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandContext;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.shell.core.command.completion.CompletionProposal;
import org.springframework.shell.core.command.completion.CompletionProvider;
import org.ssechat.chat.ChatStreamDecoder.Dialect;
import org.ssechat.cli.Args;
import org.ssechat.cli.SimpleCommand;
import org.ssechat.client.Metrics;
import org.ssechat.config.Settings;
import org.ssechat.failure.ChatException;
import org.ssechat.failure.ExitCodes;
import org.ssechat.failure.UsageException;
import org.ssechat.session.Session;
import org.ssechat.session.Turn;
import org.ssechat.text.TerminalText;

/**
 * The chat commands: {@code chat} (plain lines), and the {@code /commands} of the REPL. Each is a
 * Spring Shell {@link Command}, so help, option parsing and completion come from the registry.
 * Failures the user can fix throw {@link ChatException}; the runner prints its message as one line.
 */
public final class ReplCommands {
  static final String CHAT = "Chat";
  static final String SESSION = "Session";
  static final String SETTINGS = "Settings";
  /** Model names a server lists are cut here (they are shown one per line). */
  private static final int MAX_MODEL_NAME = 200;

  private final Conversation chat;
  private final boolean interactive;
  private final boolean ansi;
  private final PrintWriter stderr;
  private volatile boolean exitRequested;

  /**
   * @param interactive REPL (true) or one-shot (false: answers to stdout, problems to {@code stderr})
   * @param ansi        whether answers may use ANSI styles
   */
  public ReplCommands(Conversation chat, boolean interactive, boolean ansi, PrintWriter stderr) {
    this.chat = chat;
    this.interactive = interactive;
    this.ansi = ansi;
    this.stderr = stderr;
  }

  /** Called when a REPL loop starts: forgets an earlier {@code /exit}. */
  public void resetExit() {
    exitRequested = false;
  }

  /** True once {@code /exit} ran; the REPL then stops. */
  public boolean exitRequested() {
    return exitRequested;
  }

  public List<Command> all() {
    SessionCommands sessions = new SessionCommands(chat);
    AttachmentCommands files = new AttachmentCommands(chat, ansi);
    EndpointCommands endpoint = new EndpointCommands(chat);
    RenderCommands render = new RenderCommands(chat, ansi);
    return List.of(chatCommand(), help(), sessions.newSession(), system(), model(), models(),
        sessions.history(), sessions.undo(), retry(), sessions.save(), sessions.load(),
        sessions.list(), config(), stats(), record(), reasoning(), render.render(), render.copy(), endpoint.api(),
        endpoint.probe(), files.attach(),
        files.attachments(), files.detach(), files.edit(), exit());
  }

  Command chatCommand() {
    return new SimpleCommand("chat", CHAT,
        "chat [--model M] [--system S] [--api A] [-a FILE]… MESSAGE…",
        "Send a message (in the REPL every line not starting with / is one)", this::runChat,
        Args.valued("model", 'm', "model for this message"),
        Args.valued("system", 's', "system prompt (kept for the session)"),
        Args.valued("attach", 'a', "send FILE with the message (repeatable): text or image"),
        Args.valued("api", ' ', "chat|messages|responses for this message"));
  }

  private ExitStatus runChat(CommandContext ctx) throws IOException {
    String message = SimpleCommand.rest(ctx);
    Args args = Args.of(ctx);
    String model = args.value("model");
    String system = args.value("system");
    for (String file : args.values("attach")) {
      chat.attach(Path.of(file));
    }
    if (system != null) {
      chat.setSystem(system);
    }
    if (message.isEmpty() && !interactive) {
      if (System.console() != null) {
        throw new UsageException("no message: give it as an argument or on standard input");
      }
      message = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
    if (message.isEmpty()) {
      throw new UsageException("no message");
    }
    Settings previous = chat.settings();
    String api = args.value("api");
    if (api != null) {
      try {
        Dialect d = Settings.api(api, null);
        chat.settingsHolder().update(s -> s.withApi(d));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
    if (model != null) {
      chat.settingsHolder().update(s -> s.withModel(model));
    }
    try {
      PrintWriter out = ctx.outputWriter();
      Turn turn = chat.send(message, out, interactive ? out : stderr, ansi);
      return ExitCodes.status(turn.outcome().exitCode());
    } finally {
      if (model != null || api != null) {
        chat.settingsHolder().update(s -> s.withModel(previous.model()).withApi(previous.api()));
      }
    }
  }

  Command help() {
    return new SimpleCommand.Raw("help", CHAT, "/help [COMMAND]", "Show commands, or one command's usage",
        ctx -> {
          PrintWriter out = ctx.outputWriter();
          String name = SimpleCommand.rest(ctx).replaceFirst("^/", "");
          if (!name.isEmpty()) {
            Command c = ctx.commandRegistry().getCommandByName(name);
            if (c == null) {
              throw new UsageException("no command /" + name + " (see /help)");
            }
            out.println(c.getHelp());
            for (CommandOption o : c.getOptions()) {
              out.printf("  --%s%s  %s%n", o.longName(), o.shortName() == ' ' ? "" : ", -" + o.shortName(),
                  o.description() == null ? "" : o.description());
            }
            out.flush();
            return ExitStatus.OK;
          }
          Map<String, List<Command>> groups = new TreeMap<>();
          for (Command c : ctx.commandRegistry().getCommands()) {
            if (!c.isHidden() && !c.getName().equals("chat")) {
              groups.computeIfAbsent(c.getGroup(), g -> new ArrayList<>()).add(c);
            }
          }
          out.println("Type a message and press Enter to chat. Alt-Enter or a \"\"\" block for several lines;");
          out.println("Ctrl-C stops an answer, Ctrl-D or /exit quits, Ctrl-R searches history.");
          for (Map.Entry<String, List<Command>> g : groups.entrySet()) {
            out.println();
            out.println(g.getKey());
            g.getValue().sort(Comparator.comparing(Command::getName));
            for (Command c : g.getValue()) {
              String usage = c instanceof SimpleCommand sc ? sc.usage() : "/" + c.getName();
              out.printf("  %-24s %s%n", usage, c.getDescription());
            }
          }
          out.flush();
          return ExitStatus.OK;
        });
  }

  Command system() {
    return new SimpleCommand.Raw("system", SESSION, "/system [TEXT|--clear]",
        "Show or set the session's system prompt", ctx -> {
          String text = SimpleCommand.rest(ctx);
          if (text.isEmpty()) {
            String current = chat.session().system();
            return say(ctx, current == null ? "(no system prompt)" : current);
          }
          chat.setSystem(text.equals("--clear") ? null : text);
          chat.save(ctx.outputWriter());
          return say(ctx, text.equals("--clear") ? "system prompt cleared" : "system prompt set");
        });
  }

  Command model() {
    SimpleCommand c = new SimpleCommand("model", SETTINGS, "/model [NAME]", "Show or set the model", ctx -> {
      String name = SimpleCommand.rest(ctx);
      if (name.isEmpty()) {
        return say(ctx, chat.settings().model());
      }
      chat.settingsHolder().update(s -> s.withModel(name));
      return say(ctx, "model: " + name);
    });
    c.setCompletionProvider(modelCompletion());
    return c;
  }

  /** Proposes the backend's models (fetched once, then cached; nothing if the fetch fails). */
  CompletionProvider modelCompletion() {
    return context -> {
      if (context.getWordIndex() != 1) {
        return List.of();
      }
      List<String> names;
      try {
        names = chat.models(false);
      } catch (RuntimeException e) {
        names = chat.cachedModels();
      }
      String prefix = context.currentWordUpToCursor() == null ? "" : context.currentWordUpToCursor();
      return names.stream().filter(n -> n.startsWith(prefix)).map(CompletionProposal::new).toList();
    };
  }

  Command models() {
    return new SimpleCommand("models", SETTINGS, "/models", "List the provider's models", ctx -> {
      List<String> names = chat.models(true);
      PrintWriter out = ctx.outputWriter();
      String current = chat.settings().model();
      for (String n : names) {
        out.println((n.equals(current) ? "* " : "  ") + TerminalText.oneLine(n, MAX_MODEL_NAME));
      }
      if (names.isEmpty()) {
        out.println("(the provider listed no models)");
      }
      out.flush();
      return ExitStatus.OK;
    });
  }

  Command retry() {
    return new SimpleCommand("retry", CHAT, "/retry", "Ask for the last answer again", ctx -> {
      Turn last = chat.session().removeLast();
      if (last == null) {
        throw new ChatException("nothing to retry");
      }
      PrintWriter out = ctx.outputWriter();
      chat.attachAgain(last.attachments());
      Turn turn = chat.send(last.user(), out, out, ansi);
      return ExitCodes.status(turn.outcome().exitCode());
    });
  }

  Command config() {
    return new SimpleCommand("config", SETTINGS, "/config", "Show the effective settings (key masked)", ctx -> {
      PrintWriter out = ctx.outputWriter();
      chat.settings().describe().forEach((k, v) -> out.printf("  %-16s %s%n", k, v));
      out.printf("  %-16s %s%n", "session", chat.session().name());
      out.flush();
      return ExitStatus.OK;
    });
  }

  Command stats() {
    return new SimpleCommand("stats", CHAT, "/stats", "Token and timing totals of this session", ctx -> {
      List<Turn> turns = chat.session().turns();
      long tokens = 0;
      long ttftSum = 0;
      int ttftCount = 0;
      double tpsSum = 0;
      int tpsCount = 0;
      for (Turn t : turns) {
        Metrics m = t.metrics();
        if (m == null) {
          continue;
        }
        tokens += Math.max(0, m.completionTokens());
        if (m.timeToFirstTokenMs() >= 0) {
          ttftSum += m.timeToFirstTokenMs();
          ttftCount++;
        }
        if (m.tokensPerSecond() > 0) {
          tpsSum += m.tokensPerSecond();
          tpsCount++;
        }
      }
      return say(ctx, String.format(Locale.ROOT,
          "%d exchanges · %d completion tokens · mean TTFT %s · mean %.1f tok/s",
          turns.size(), tokens, ttftCount == 0 ? "-" : String.format(Locale.ROOT, "%.2f s", ttftSum / 1000.0 / ttftCount),
          tpsCount == 0 ? 0.0 : tpsSum / tpsCount));
    });
  }

  Command record() {
    return new SimpleCommand("record", SETTINGS, "/record on|off",
        "Record raw responses to the data dir's recordings/", ctx -> {
          String v = SimpleCommand.rest(ctx).toLowerCase(Locale.ROOT);
          if (v.isEmpty()) {
            return say(ctx, "recording " + (chat.settings().record() ? "on" : "off"));
          }
          if (!v.equals("on") && !v.equals("off")) {
            throw new UsageException("usage: /record on|off");
          }
          Settings s = chat.settingsHolder().update(x -> x.withRecord(v.equals("on")));
          return say(ctx, s.record() ? "recording to " + s.recordingsDir() : "recording off");
        });
  }

  Command reasoning() {
    return new SimpleCommand("reasoning", SETTINGS, "/reasoning show|hide", "Show or hide the model's reasoning",
        ctx -> {
          String v = SimpleCommand.rest(ctx).toLowerCase(Locale.ROOT);
          if (!v.equals("show") && !v.equals("hide")) {
            throw new UsageException("usage: /reasoning show|hide");
          }
          chat.settingsHolder().update(s -> s.withShowReasoning(v.equals("show")));
          return say(ctx, "reasoning " + (v.equals("show") ? "shown" : "hidden"));
        });
  }

  Command exit() {
    SimpleCommand c = new SimpleCommand("exit", CHAT, "/exit", "Leave ssechat (Ctrl-D too)", ctx -> {
      exitRequested = true;
      return ExitStatus.OK;
    });
    c.setAliases(List.of("quit"));
    return c;
  }

  static ExitStatus say(CommandContext ctx, String line) {
    ctx.outputWriter().println(line);
    ctx.outputWriter().flush();
    return ExitStatus.OK;
  }
}
