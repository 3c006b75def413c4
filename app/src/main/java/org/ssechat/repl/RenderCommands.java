package org.ssechat.repl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.springframework.shell.core.command.Command;
import org.ssechat.cli.SimpleCommand;
import org.ssechat.failure.ChatException;
import org.ssechat.failure.UsageException;
import org.ssechat.render.MarkdownStream;
import org.ssechat.render.Rendering;
import org.ssechat.session.Turn;

/** {@code /render markdown|plain|auto} and {@code /copy [N]}. */
final class RenderCommands {
  private static final String GROUP = "Settings";
  /** OSC 52 payloads larger than this are refused by many terminals (and by tmux). */
  static final int MAX_COPY_BYTES = 100_000;

  private final Conversation chat;
  private final boolean ansi;

  RenderCommands(Conversation chat, boolean ansi) {
    this.chat = chat;
    this.ansi = ansi;
  }

  Command render() {
    return new SimpleCommand("render", GROUP, "/render [markdown|plain|auto]",
        "Draw answers as Markdown or as plain text", ctx -> {
          String v = SimpleCommand.rest(ctx).toLowerCase(Locale.ROOT);
          Rendering r = chat.rendering();
          if (!v.isEmpty()) {
            try {
              r.mode(Rendering.Mode.parse(v));
            } catch (IllegalArgumentException e) {
              throw new UsageException("usage: /render markdown|plain|auto");
            }
          }
          return ReplCommands.say(ctx, "answers: " + r.describe());
        });
  }

  Command copy() {
    return new SimpleCommand("copy", GROUP, "/copy [N]",
        "Copy the last answer, or its N-th code block, to the clipboard (OSC 52)", ctx -> {
          String arg = SimpleCommand.rest(ctx);
          Turn last = chat.session().last();
          if (last == null || last.answer().isEmpty()) {
            throw new ChatException("nothing to copy: no answer yet");
          }
          String text = last.answer();
          String what = "the last answer";
          if (!arg.isEmpty()) {
            int n;
            try {
              n = Integer.parseInt(arg);
            } catch (NumberFormatException e) {
              throw new UsageException("usage: /copy [N] (N: the code block, from 1)");
            }
            List<String> blocks = MarkdownStream.codeBlocks(text);
            if (n < 1 || n > blocks.size()) {
              throw new ChatException("no code block " + n + " (the last answer has "
                  + blocks.size() + ")");
            }
            text = blocks.get(n - 1);
            what = "code block " + n;
          }
          byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
          if (!ansi) {
            throw new ChatException("this terminal takes no escape sequences, so the clipboard "
                + "cannot be set (OSC 52); select the text with the mouse, or see /history");
          }
          if (bytes.length > MAX_COPY_BYTES) {
            throw new ChatException(what + " is " + bytes.length + " bytes; terminals take at "
                + "most about " + MAX_COPY_BYTES + " through OSC 52");
          }
          ctx.outputWriter().print(osc52(bytes));
          return ReplCommands.say(ctx, "copied " + what + " (" + bytes.length + " bytes) via "
              + "OSC 52; if nothing arrived, your terminal does not allow it (tmux: set -g "
              + "set-clipboard on)");
        });
  }

  /** The OSC 52 sequence that puts {@code bytes} on the system clipboard. */
  static String osc52(byte[] bytes) {
    return "\u001b]52;c;" + Base64.getEncoder().encodeToString(bytes) + "\u0007";
  }
}
