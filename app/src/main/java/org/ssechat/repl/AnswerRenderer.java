package org.ssechat.repl;

import java.io.PrintWriter;
import java.util.Locale;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.ssechat.chat.ChatDeltaListener;
import org.ssechat.client.ChatResult;
import org.ssechat.client.Metrics;
import org.ssechat.client.Outcome;

/**
 * Prints a streamed answer as it arrives: content as plain text, reasoning dimmed in its own
 * block, tool calls as compact {@code ⚙ name(args…)} lines, and after {@link #finish} one dim stats
 * line (model, tokens, time to first token, tokens per second, outcome) plus a one-line error if
 * the answer did not finish. Every delta is flushed at once.
 *
 * <p>Used for live answers (REPL and one-shot) and by {@code replay --format text}, so both look
 * the same. One renderer per answer; not thread-safe (deltas arrive on the streaming thread).
 */
public final class AnswerRenderer implements ChatDeltaListener {

  /**
   * @param ansi          whether to emit ANSI styles (false for dumb terminals and pipes)
   * @param showReasoning whether to print reasoning text (else one dim "thinking…" marker)
   */
  public record Options(boolean ansi, boolean showReasoning) {}

  private static final AttributedStyle DIM = AttributedStyle.DEFAULT.faint();
  private static final AttributedStyle TOOL = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
  private static final AttributedStyle WARN = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
  private static final AttributedStyle ERROR = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
  private static final int TOOL_ARGS_SHOWN = 80;
  private static final int MAX_WARNINGS = 3;

  private enum Block { NONE, REASONING, CONTENT, TOOL }

  private final PrintWriter out;
  private final PrintWriter meta;
  private final Options options;
  private Block block = Block.NONE;
  private boolean atLineStart = true;
  private boolean thinkingMarked;
  private int toolIndex = -1;
  private int toolArgs;
  // One-shot mode (meta != out): reasoning goes to meta, so stdout holds only the answer.
  private boolean sideReasoningOpen;
  private boolean metaAtLineStart = true;

  /**
   * @param out     where the answer goes
   * @param meta    where the stats line, error line and — when it is not {@code out} — reasoning
   *                go (stderr in one-shot mode, so standard output carries only the answer)
   * @param options styling
   */
  public AnswerRenderer(PrintWriter out, PrintWriter meta, Options options) {
    this.out = out;
    this.meta = meta;
    this.options = options;
  }

  public AnswerRenderer(PrintWriter out, Options options) {
    this(out, out, options);
  }

  @Override
  public void onContent(int choice, char[] text, int off, int len) {
    if (len == 0) {
      return;
    }
    enter(Block.CONTENT);
    out.write(text, off, len);
    atLineStart = text[off + len - 1] == '\n';
    out.flush();
  }

  @Override
  public void onRefusal(int choice, char[] text, int off, int len) {
    if (len > 0) {
      print(Block.CONTENT, text, off, len, WARN);
    }
  }

  @Override
  public void onReasoning(int choice, char[] text, int off, int len) {
    if (len == 0) {
      return;
    }
    if (!options.showReasoning()) {
      if (!thinkingMarked) {
        thinkingMarked = true;
        reasoning("thinking… (hidden; /reasoning show)");
      }
      return;
    }
    reasoning(new String(text, off, len));
  }

  private void reasoning(String text) {
    if (meta == out) {
      enter(Block.REASONING);
      styled(out, text, DIM);
      atLineStart = text.endsWith("\n");
      out.flush();
      return;
    }
    sideReasoningOpen = true;
    styled(meta, text, DIM);
    metaAtLineStart = text.endsWith("\n");
    meta.flush();
  }

  private void print(Block in, char[] text, int off, int len, AttributedStyle style) {
    enter(in);
    styled(out, new String(text, off, len), style);
    atLineStart = text[off + len - 1] == '\n';
    out.flush();
  }

  @Override
  public void onToolCallFragment(int choice, int index, String id, String name, char[] arguments,
      int off, int len) {
    if (block != Block.TOOL || index != toolIndex) {
      enter(Block.NONE);
      block = Block.TOOL;
      toolIndex = index;
      toolArgs = 0;
      styled(out, "⚙ " + (name == null ? "?" : name) + "(", TOOL);
      atLineStart = false;
    }
    if (len > 0 && toolArgs <= TOOL_ARGS_SHOWN) {
      int shown = Math.min(len, TOOL_ARGS_SHOWN - toolArgs);
      String piece = new String(arguments, off, shown).replace('\n', ' ');
      toolArgs += len;
      styled(out, toolArgs > TOOL_ARGS_SHOWN ? piece + "…" : piece, TOOL);
      if (toolArgs > TOOL_ARGS_SHOWN) {
        toolArgs = TOOL_ARGS_SHOWN + 1;
      }
    }
    out.flush();
  }

  /**
   * Ends the answer: closes any open block, prints the result's warnings (at most three, dim), the
   * error line for a non-finished outcome and the stats line. Call once, after {@code ChatBackend.stream} returned.
   */
  public void finish(ChatResult result) {
    enter(Block.NONE);
    if (!atLineStart) {
      out.println();
      atLineStart = true;
    }
    out.flush();
    int shown = 0;
    for (String warning : result.warnings()) {
      if (shown++ == MAX_WARNINGS) {
        styled(meta, "warning: … " + (result.warnings().size() - MAX_WARNINGS) + " more", DIM);
        meta.println();
        break;
      }
      styled(meta, "warning: " + warning, DIM);
      meta.println();
    }
    String problem = problemLine(result);
    if (problem != null) {
      styled(meta, problem, result.outcome() == Outcome.ERROR ? ERROR : WARN);
      meta.println();
    }
    styled(meta, statsLine(result), DIM);
    meta.println();
    meta.flush();
  }

  /** {@code interrupted: …}, {@code error: …}, {@code truncated: …}, or null when finished. */
  public static String problemLine(ChatResult r) {
    return switch (r.outcome()) {
      case FINISHED -> null;
      case CANCELLED -> "interrupted" + (r.content().isEmpty() ? "" : " (partial answer kept)");
      case TRUNCATED -> "truncated: " + (r.error() == null ? "the stream ended without a finish reason" : r.error());
      case ERROR -> "error: " + (r.error() == null ? "request failed" : r.error());
    };
  }

  /** {@code model · 412 tok · TTFT 0.38 s · 52.1 tok/s · finished (stop)}. */
  public static String statsLine(ChatResult r) {
    StringBuilder sb = new StringBuilder();
    sb.append(r.model() == null ? "?" : r.model());
    Metrics m = r.metrics();
    if (m != null) {
      if (m.tokensFromUsage() || m.completionTokens() > 0) {
        sb.append(" · ").append(m.tokensFromUsage() ? "" : "~").append(m.completionTokens()).append(" tok");
      }
      if (m.timeToFirstTokenMs() >= 0) {
        sb.append(" · TTFT ").append(seconds(m.timeToFirstTokenMs()));
      }
      double tps = m.tokensPerSecond();
      if (tps > 0) {
        sb.append(" · ").append(String.format(Locale.ROOT, "%.1f", tps)).append(" tok/s");
      }
      if (m.totalMs() >= 0) {
        sb.append(" · ").append(seconds(m.totalMs()));
      }
    }
    sb.append(" · ").append(r.outcome().label());
    if (r.finishReason() != null) {
      sb.append(" (").append(r.finishReason()).append(')');
    }
    return sb.toString();
  }

  private static String seconds(long ms) {
    return String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
  }

  private void enter(Block next) {
    if (sideReasoningOpen && next != Block.REASONING) {
      if (!metaAtLineStart) {
        meta.println();
      }
      meta.println();
      meta.flush();
      sideReasoningOpen = false;
      metaAtLineStart = true;
    }
    if (block == next) {
      return;
    }
    if (block == Block.TOOL) {
      styled(out, ")", TOOL);
      out.println();
      atLineStart = true;
    } else if (block == Block.REASONING) {
      if (!atLineStart) {
        out.println();
      }
      out.println();
      atLineStart = true;
    } else if (block == Block.CONTENT && next != Block.NONE && !atLineStart) {
      out.println();
      atLineStart = true;
    }
    block = next;
  }

  private void styled(PrintWriter w, String text, AttributedStyle style) {
    w.write(options.ansi() ? new AttributedString(text, style).toAnsi() : text);
  }
}
