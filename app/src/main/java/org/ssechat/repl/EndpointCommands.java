package org.ssechat.repl;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.shell.core.command.completion.CompletionProposal;
import org.ssechat.chat.ChatStreamDecoder.Dialect;
import org.ssechat.cli.Args;
import org.ssechat.cli.SimpleCommand;
import org.ssechat.client.http.EndpointProbe;
import org.ssechat.config.Settings;
import org.ssechat.failure.ChatException;
import org.ssechat.failure.UsageException;
import org.ssechat.text.TerminalText;

/** The endpoint's API in the REPL: {@code /api} and {@code /probe}. */
final class EndpointCommands {
  private static final String SETTINGS = ReplCommands.SETTINGS;
  private final Conversation chat;

  EndpointCommands(Conversation chat) {
    this.chat = chat;
  }

  Command api() {
    SimpleCommand c = new SimpleCommand("api", SETTINGS, "/api [chat|messages|responses]",
        "Show or set the API dialect requests are made in", ctx -> {
          String name = SimpleCommand.rest(ctx);
          if (!name.isEmpty()) {
            Dialect d;
            try {
              d = Settings.api(name, null);
            } catch (IllegalArgumentException e) {
              throw new UsageException(e.getMessage());
            }
            chat.settingsHolder().update(s -> s.withApi(d));
          }
          return ReplCommands.say(ctx, "api: " + chat.settings().api().name().toLowerCase(Locale.ROOT));
        });
    c.setCompletionProvider(context -> List.of("chat", "messages", "responses").stream()
        .map(CompletionProposal::new).toList());
    return c;
  }

  Command probe() {
    return new SimpleCommand("probe", SETTINGS, "/probe [--record]",
        "Find out what the endpoint serves: models, and each API dialect", ctx -> {
          Settings s = chat.settings();
          if (s.offline()) {
            throw new ChatException("the offline provider has nothing to probe: configure an "
                + "endpoint first (see /help and docs/usage.md)");
          }
          PrintWriter out = ctx.outputWriter();
          out.println("probing " + chat.backend().describe() + " with model " + s.model() + " …");
          out.flush();
          Path dir = Args.of(ctx).flag("record") ? s.recordingsDir() : null;
          for (EndpointProbe.Row row : new EndpointProbe(s.endpoint(), dir).run(s.model())) {
            out.printf("  %-10s %-4s %s%n", row.what(), row.ok() ? "yes" : "no",
                TerminalText.oneLine(row.detail(), Integer.MAX_VALUE));
          }
          if (dir != null) {
            out.println("raw streams recorded in " + dir);
          }
          out.flush();
          return ExitStatus.OK;
        }, Args.flag("record", "save each probe's raw stream (for bug reports)"));
  }
}
