package org.ssechat.repl;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.ssechat.chat.ChatDeltaListener;
import org.ssechat.client.ChatResult;
import org.ssechat.client.Metrics;
import org.ssechat.client.Outcome;
import org.ssechat.render.MarkdownStream;
import org.ssechat.text.TerminalText;

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
   * @param raw           whether the model's text (content, reasoning, refusal) is written
   *                      unchanged; else it goes through {@link TerminalText} like everything
   *                      else a server sends (names, arguments, errors are always sanitized)
   * @param markdown      how to draw Markdown ({@link MarkdownStream}), or null to write the
   *                      model's text as it comes (plain)
   */
  public record Options(boolean ansi, boolean showReasoning, boolean raw,
      MarkdownStream.Look markdown) {
    /** Plain output. */
    public Options(boolean ansi, boolean showReasoning, boolean raw) {
      this(ansi, showReasoning, raw, null);
    }

    /** Sanitized plain output (the default). */
    public Options(boolean ansi, boolean showReasoning) {
      this(ansi, showReasoning, false);
    }
  }

  private static final AttributedStyle DIM = AttributedStyle.DEFAULT.faint();
  private static final AttributedStyle TOOL = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
  private static final AttributedStyle WARN = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);
  private static final AttributedStyle ERROR = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
  private static final int TOOL_ARGS_SHOWN = 80;
  private static final int MAX_WARNINGS = 3;

  private enum Block { NONE, REASONING, CONTENT, TOOL }

  /** A writer and whether its cursor is at the start of a line. */
  private static final class Sink {
    final PrintWriter w;
    boolean atLineStart = true;

    Sink(PrintWriter w) {
      this.w = w;
    }

    void endLine() {
      if (!atLineStart) {
        w.println();
        atLineStart = true;
      }
    }

    void wrote(String text) {
      atLineStart = text.endsWith("\n");
    }
  }

  private final Sink out;
  private final Sink meta;
  private final Options options;
  private Block block = Block.NONE;
  private boolean thinkingMarked;
  private int toolIndex = -1;
  private int toolArgs;
  private MarkdownStream content;
  private MarkdownStream reasoning;

  /**
   * @param out     where the answer (content, tool calls) goes
   * @param meta    where reasoning, warnings, the error line and the stats line go: stderr in
   *                one-shot mode, so standard output holds only the answer; else {@code out}
   * @param options styling
   */
  public AnswerRenderer(PrintWriter out, PrintWriter meta, Options options) {
    this.out = new Sink(out);
    this.meta = meta == out ? this.out : new Sink(meta);
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
    if (options.markdown() != null) {
      if (content == null) {
        content = new MarkdownStream(out.w, options.ansi(), options.markdown(),
            AttributedStyle.DEFAULT);
      }
      content.append(modelText(text, off, len));
      return;
    }
    if (options.raw()) {
      out.w.write(text, off, len);
    } else {
      try {
        TerminalText.sanitize(text, off, len, out.w);
      } catch (IOException e) {
        throw new UncheckedIOException(e); // a PrintWriter does not throw; keeps its error flag
      }
    }
    out.atLineStart = text[off + len - 1] == '\n';
    out.w.flush();
  }

  @Override
  public void onRefusal(int choice, char[] text, int off, int len) {
    if (len > 0) {
      enter(Block.CONTENT);
      print(out, modelText(text, off, len), WARN);
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
        enter(Block.REASONING);
        print(meta, "thinking… (hidden; /reasoning show)", DIM);
      }
      return;
    }
    enter(Block.REASONING);
    if (options.markdown() != null) {
      if (reasoning == null) {
        reasoning = new MarkdownStream(meta.w, options.ansi(), options.markdown(), DIM);
      }
      reasoning.append(modelText(text, off, len));
      return;
    }
    print(meta, modelText(text, off, len), DIM);
  }

  @Override
  public void onToolCallFragment(int choice, int index, String id, String name, char[] arguments,
      int off, int len) {
    if (block != Block.TOOL || index != toolIndex) {
      enter(Block.NONE);
      block = Block.TOOL;
      toolIndex = index;
      toolArgs = 0;
      print(out, "⚙ " + (name == null ? "?" : TerminalText.sanitize(name)) + "(", TOOL);
    }
    if (len > 0 && toolArgs <= TOOL_ARGS_SHOWN) {
      int shown = Math.min(len, TOOL_ARGS_SHOWN - toolArgs);
      String piece = TerminalText.sanitize(new String(arguments, off, shown)).replace('\n', ' ');
      toolArgs += len;
      print(out, toolArgs > TOOL_ARGS_SHOWN ? piece + "…" : piece, TOOL);
      if (toolArgs > TOOL_ARGS_SHOWN) {
        toolArgs = TOOL_ARGS_SHOWN + 1;
      }
    }
  }

  /**
   * Ends the answer: closes any open block, prints the result's warnings (at most three, dim), the
   * error line for a non-finished outcome and the stats line. Call once, after
   * {@code ChatBackend.stream} returned.
   */
  public void finish(ChatResult result) {
    enter(Block.NONE);
    out.endLine();
    out.w.flush();
    meta.endLine();
    int shown = 0;
    for (String warning : result.warnings()) {
      if (shown++ == MAX_WARNINGS) {
        line(meta, "warning: … " + (result.warnings().size() - MAX_WARNINGS) + " more", DIM);
        break;
      }
      line(meta, "warning: " + TerminalText.oneLine(warning, Integer.MAX_VALUE), DIM);
    }
    String problem = problemLine(result);
    if (problem != null) {
      problem = TerminalText.oneLine(problem, Integer.MAX_VALUE);
      line(meta, problem, result.outcome() == Outcome.ERROR ? ERROR : WARN);
    }
    line(meta, TerminalText.oneLine(statsLine(result), Integer.MAX_VALUE), DIM);
    meta.w.flush();
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

  /** The model's text as it will be shown: sanitized unless {@code raw}. */
  private String modelText(char[] text, int off, int len) {
    String s = new String(text, off, len);
    return options.raw() ? s : TerminalText.sanitize(s);
  }

  private void enter(Block next) {
    if (block == next) {
      return;
    }
    if (block == Block.CONTENT && content != null) {
      content.finish(); // a block ends where the content stops: nothing stays in the live line
      content = null;
      out.atLineStart = true;
    } else if (block == Block.REASONING && reasoning != null) {
      reasoning.finish();
      reasoning = null;
      meta.atLineStart = true;
    }
    if (block == Block.TOOL) {
      print(out, ")", TOOL);
      out.endLine();
    } else if (block == Block.REASONING) {
      // reasoning ends with a blank line before what follows
      meta.endLine();
      meta.w.println();
      meta.w.flush();
    } else if (block == Block.CONTENT && next != Block.NONE) {
      out.endLine();
    }
    block = next;
  }

  private void print(Sink sink, String text, AttributedStyle style) {
    sink.w.write(options.ansi() ? new AttributedString(text, style).toAnsi() : text);
    sink.wrote(text);
    sink.w.flush();
  }

  private void line(Sink sink, String text, AttributedStyle style) {
    print(sink, text, style);
    sink.w.println();
    sink.atLineStart = true;
  }
}
