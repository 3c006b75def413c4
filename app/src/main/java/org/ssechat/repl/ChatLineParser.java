package org.ssechat.repl;

import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.SyntaxError;
import org.jline.reader.impl.DefaultParser;

/**
 * JLine line parser for the chat prompt. Enter accepts the line, except inside a {@code """}
 * block: a line that opens with {@code """} continues until a closing {@code """}. Quotes and
 * backslashes in chat text have no meaning (a message like {@code don't} is complete); words are
 * split only so that completion of {@code /commands} works.
 */
public final class ChatLineParser implements Parser {
  /** Opens and closes a multi-line block. */
  public static final String FENCE = "\"\"\"";

  private final DefaultParser words = new DefaultParser();

  public ChatLineParser() {
    words.setEofOnUnclosedQuote(false);
    words.setEofOnEscapedNewLine(false);
    words.setEscapeChars(new char[0]);
  }

  @Override
  public ParsedLine parse(String line, int cursor, ParseContext context) throws SyntaxError {
    if (context == ParseContext.ACCEPT_LINE && openFence(line)) {
      throw new EOFError(-1, cursor, "open \"\"\" block", FENCE);
    }
    return words.parse(line, cursor, context);
  }

  /** Whether {@code line} starts a {@code """} block that is not closed yet. */
  public static boolean openFence(String line) {
    String s = line.stripLeading();
    if (!s.startsWith(FENCE)) {
      return false;
    }
    int count = 0;
    for (int i = s.indexOf(FENCE); i >= 0; i = s.indexOf(FENCE, i + FENCE.length())) {
      count++;
    }
    return count % 2 == 1;
  }

  /**
   * The message inside a {@code """…"""} block without the fences and the newlines next to them;
   * any other text is returned unchanged.
   */
  public static String unfence(String text) {
    String s = text.strip();
    if (s.length() >= 2 * FENCE.length() && s.startsWith(FENCE) && s.endsWith(FENCE)) {
      String inner = s.substring(FENCE.length(), s.length() - FENCE.length());
      if (inner.startsWith("\r\n")) {
        inner = inner.substring(2);
      } else if (inner.startsWith("\n")) {
        inner = inner.substring(1);
      }
      return inner.endsWith("\n") ? inner.substring(0, inner.length() - 1) : inner;
    }
    return text;
  }
}
