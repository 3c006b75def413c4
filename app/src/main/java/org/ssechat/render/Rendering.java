package org.ssechat.render;

import java.util.Locale;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * How answers are drawn, changeable while the REPL runs ({@code /render}): Markdown (styled,
 * wrapped, streamed append-only by {@link MarkdownStream}) or plain (the model's text as it
 * comes). {@code auto}, the default, is Markdown on a terminal that takes ANSI styles and plain
 * for a pipe or a dumb terminal. Thread-safe.
 */
public final class Rendering {

  /** What {@code ssechat.render} / {@code --render} / {@code /render} may say. */
  public enum Mode {
    AUTO, MARKDOWN, PLAIN;

    /** {@code auto}, {@code markdown} or {@code plain}; anything else is a usage error. */
    public static Mode parse(String s) {
      try {
        return valueOf(s.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("render must be auto, markdown or plain, not '" + s
            + "'");
      }
    }
  }

  private final boolean ansi;
  private final MarkdownStream.Look look;
  private volatile Mode mode;

  /**
   * @param mode   the configured mode
   * @param ansi   whether the output takes ANSI styles (a terminal, not dumb, not a pipe)
   * @param look   the terminal's width and height, character widths, hyperlinks
   */
  public Rendering(Mode mode, boolean ansi, MarkdownStream.Look look) {
    this.mode = mode;
    this.ansi = ansi;
    this.look = look;
  }

  /** Plain output (tests, and where no terminal is known). */
  public static Rendering plain() {
    return new Rendering(Mode.PLAIN, false, new MarkdownStream.Look(() -> 80, () -> 24,
        DisplayWidth.NARROW, false));
  }

  /**
   * The look for this environment: {@code width}/{@code height} of the terminal (0 when unknown:
   * then {@code COLUMNS}/{@code LINES}, else 80×24), OSC 8 hyperlinks unless the terminal is
   * known not to take them (the Linux console, Apple Terminal).
   */
  public static MarkdownStream.Look look(IntSupplier width, IntSupplier height,
      int ambiguousWidth, boolean ansi, Map<String, String> env) {
    IntSupplier w = () -> positive(width.getAsInt(), env.get("COLUMNS"), 80);
    IntSupplier h = () -> positive(height.getAsInt(), env.get("LINES"), 24);
    boolean links = ansi && !"linux".equals(env.get("TERM"))
        && !"Apple_Terminal".equals(env.get("TERM_PROGRAM"));
    return new MarkdownStream.Look(w, h, DisplayWidth.ofAmbiguous(ambiguousWidth), links);
  }

  private static int positive(int measured, String env, int fallback) {
    if (measured > 0) {
      return measured;
    }
    try {
      int v = env == null ? 0 : Integer.parseInt(env.strip());
      return v > 0 ? v : fallback;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  public Mode mode() {
    return mode;
  }

  public void mode(Mode m) {
    mode = m;
  }

  /** Whether answers are rendered as Markdown now. */
  public boolean markdown() {
    return mode == Mode.MARKDOWN || mode == Mode.AUTO && ansi;
  }

  /** The look for Markdown answers, or null when answers are plain. */
  public MarkdownStream.Look lookIfMarkdown() {
    return markdown() ? look : null;
  }

  /** {@code markdown} or {@code plain}, with why when automatic. */
  public String describe() {
    return (markdown() ? "markdown" : "plain") + (mode == Mode.AUTO
        ? " (auto: " + (ansi ? "a terminal" : "not a styled terminal") + ")" : "");
  }
}
