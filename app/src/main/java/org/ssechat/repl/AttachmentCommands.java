package org.ssechat.repl;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.shell.core.command.completion.CompletionProposal;
import org.springframework.shell.core.command.completion.CompletionProvider;
import org.ssechat.cli.SimpleCommand;
import org.ssechat.client.Attachment;
import org.ssechat.failure.ExitCodes;
import org.ssechat.failure.UsageException;
import org.ssechat.session.Turn;

/**
 * Files and the editor in the REPL: {@code /attach PATH…}, {@code /attachments},
 * {@code /detach [N]} and {@code /edit [TEXT]}.
 */
final class AttachmentCommands {
  private static final String GROUP = ReplCommands.CHAT;

  private final Conversation chat;
  private final boolean ansi;
  private final Editor editor;

  AttachmentCommands(Conversation chat, boolean ansi) {
    this(chat, ansi, new Editor(System.getenv()));
  }

  AttachmentCommands(Conversation chat, boolean ansi, Editor editor) {
    this.chat = chat;
    this.ansi = ansi;
    this.editor = editor;
  }

  Command attach() {
    SimpleCommand c = new SimpleCommand("attach", GROUP, "/attach PATH…",
        "Send files with the next message (text, or PNG/JPEG/WebP/GIF images)", ctx -> {
          List<String> paths = ctx.parsedInput().arguments().stream()
              .map(CommandArgument::value).toList();
          if (paths.isEmpty()) {
            throw new UsageException("usage: /attach PATH…");
          }
          for (String p : paths) {
            Attachment a = chat.attach(Path.of(p));
            ReplCommands.say(ctx, "attached " + a.describe());
          }
          return ExitStatus.OK;
        });
    c.setCompletionProvider(paths());
    return c;
  }

  Command attachments() {
    return new SimpleCommand("attachments", GROUP, "/attachments",
        "List the files the next message will carry", ctx -> {
          List<Attachment> all = chat.attachments();
          PrintWriter out = ctx.outputWriter();
          for (int i = 0; i < all.size(); i++) {
            out.println("[" + (i + 1) + "] " + all.get(i).describe());
          }
          if (all.isEmpty()) {
            out.println("(no attachments; /attach PATH adds one)");
          }
          out.flush();
          return ExitStatus.OK;
        });
  }

  Command detach() {
    return new SimpleCommand("detach", GROUP, "/detach [N]",
        "Drop attachment N, or all of them", ctx -> {
          String n = SimpleCommand.rest(ctx);
          int which;
          try {
            which = n.isEmpty() ? 0 : Integer.parseInt(n);
          } catch (NumberFormatException e) {
            throw new UsageException("usage: /detach [N]");
          }
          List<Attachment> gone = chat.detach(which);
          return ReplCommands.say(ctx, gone.isEmpty() ? "no attachments"
              : "dropped " + String.join(", ", gone.stream().map(Attachment::name).toList()));
        });
  }

  Command edit() {
    return new SimpleCommand.Raw("edit", GROUP, "/edit [TEXT]",
        "Write the message in $VISUAL/$EDITOR (an empty file cancels)", ctx -> {
          Optional<String> text = editor.edit(SimpleCommand.rest(ctx));
          if (text.isEmpty()) {
            return ReplCommands.say(ctx, "cancelled: the message was empty");
          }
          PrintWriter out = ctx.outputWriter();
          Turn turn = chat.send(text.get(), out, out, ansi);
          return ExitCodes.status(turn.outcome().exitCode());
        });
  }

  /** Proposes files and directories for the word being typed. */
  static CompletionProvider paths() {
    return context -> {
      String word = context.currentWordUpToCursor() == null ? ""
          : context.currentWordUpToCursor();
      int slash = word.lastIndexOf('/');
      Path dir = Path.of(slash < 0 ? "." : slash == 0 ? "/" : word.substring(0, slash));
      String prefix = slash < 0 ? "" : word.substring(0, slash + 1);
      String partial = word.substring(slash + 1);
      List<CompletionProposal> out = new ArrayList<>();
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
        for (Path f : files) {
          String name = f.getFileName().toString();
          if (name.startsWith(partial) && (!name.startsWith(".") || partial.startsWith("."))) {
            out.add(new CompletionProposal(prefix + name + (Files.isDirectory(f) ? "/" : "")));
          }
        }
      } catch (IOException | RuntimeException e) {
        return List.of();
      }
      return out;
    };
  }
}
