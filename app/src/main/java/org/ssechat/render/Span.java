package org.ssechat.render;

import java.util.Objects;
import org.jline.utils.AttributedStyle;

/**
 * A run of text in one style: what the renderer's lines are made of.
 *
 * @param text  sanitized text, no line breaks
 * @param style its style
 * @param link  the URL it links to (an OSC 8 hyperlink where the terminal has them), or null
 */
public record Span(String text, AttributedStyle style, String link) {
  public Span {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(style, "style");
  }

  /** Unstyled text. */
  public static Span plain(String text) {
    return new Span(text, AttributedStyle.DEFAULT, null);
  }

  public static Span of(String text, AttributedStyle style) {
    return new Span(text, style, null);
  }
}
