package org.ssechat.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Test helper: byte inputs, and a {@link JsonCursor}'s tokens as comparable text. Brackets and
 * braces read as themselves, other tokens as {@code name:id}, {@code string:text},
 * {@code int:12}, {@code float:1.5}, {@code true}, {@code false} or {@code null}.
 */
final class JsonCursorTokens {

  private JsonCursorTokens() {}

  /** One token with where the cursor says it is: nesting depth after it, and its start offset. */
  record Tok(String text, int depth, int offset) {}

  /** The tokens of one input, and the error that stopped reading ({@code null} if accepted). */
  record Outcome(List<Tok> tokens, String error) {

    static Outcome accepted(List<Tok> tokens) {
      return new Outcome(List.copyOf(tokens), null);
    }

    static Outcome rejected(List<Tok> tokensBefore, String error) {
      return new Outcome(List.copyOf(tokensBefore), error);
    }

    boolean isAccepted() {
      return error == null;
    }

    List<String> texts() {
      return tokens.stream().map(Tok::text).toList();
    }
  }

  /** Bytes of {@code latin1}, one byte per char: {@code latin1("\"\u00e4\"")} is 22 E4 22. */
  static byte[] latin1(String latin1) {
    byte[] out = new byte[latin1.length()];
    for (int i = 0; i < out.length; i++) {
      char c = latin1.charAt(i);
      if (c > 0xFF) {
        throw new IllegalArgumentException("not one byte: U+" + Integer.toHexString(c));
      }
      out[i] = (byte) c;
    }
    return out;
  }

  /** Bytes written in hex, spaces ignored: {@code hex("C0 80")}. */
  static byte[] hex(String hex) {
    String digits = hex.replace(" ", "");
    byte[] out = new byte[digits.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }

  /** The current token of {@code c} as text (see the class comment). */
  static String describe(JsonCursor c) {
    return switch (c.token()) {
      case JsonCursor.START_OBJECT -> "{";
      case JsonCursor.END_OBJECT -> "}";
      case JsonCursor.START_ARRAY -> "[";
      case JsonCursor.END_ARRAY -> "]";
      case JsonCursor.NAME -> "name:" + decoded(c);
      case JsonCursor.STRING -> "string:" + decoded(c);
      case JsonCursor.INT -> "int:" + c.text();
      case JsonCursor.FLOAT -> "float:" + c.text();
      case JsonCursor.TRUE -> "true";
      case JsonCursor.FALSE -> "false";
      case JsonCursor.NULL -> "null";
      default -> throw new AssertionError("not a token: " + c.token());
    };
  }

  /** The text of a NAME or STRING, checking that the borrowed char view says the same. */
  private static String decoded(JsonCursor c) {
    String text = c.text();
    String view = new String(c.textChars(), 0, c.textLength());
    if (!view.equals(text)) {
      fail("textChars view '" + view + "' is not text() '" + text + "'");
    }
    return text;
  }

  /** Reads {@code buf[start, end)} to the end, or to the first {@link JsonCursor.SyntaxError}. */
  static Outcome read(JsonCursor c, byte[] buf, int start, int end) {
    return read(c, buf, start, end, () -> false, at -> {});
  }

  /** Checks made on each token as it is read, while the cursor is at it. */
  interface TokenCheck {
    void check(JsonCursor c);
  }

  /**
   * Reads {@code buf[start, end)} to the end or the first {@link JsonCursor.SyntaxError}; at each
   * start of an object or array asks {@code skip} whether to {@link JsonCursor#skipValue()} it
   * (the end token it leaves current is recorded). Any other exception fails the test, as does a
   * cursor that stops making progress or does not keep returning END.
   */
  static Outcome read(JsonCursor c, byte[] buf, int start, int end, BooleanSupplier skip,
      TokenCheck check) {
    List<Tok> tokens = new ArrayList<>();
    c.reset(buf, start, end);
    assertThat(c.token()).as("token() after reset").isEqualTo(JsonCursor.END);
    assertThat(c.depth()).as("depth() after reset").isZero();
    try {
      for (int t = c.next(); t != JsonCursor.END; t = c.next()) {
        if (c.token() != t) {
          fail("token() is " + c.token() + " after next() returned " + t);
        }
        if ((t == JsonCursor.START_OBJECT || t == JsonCursor.START_ARRAY) && skip.getAsBoolean()) {
          c.skipValue();
          int closing = t == JsonCursor.START_OBJECT ? JsonCursor.END_OBJECT : JsonCursor.END_ARRAY;
          if (c.token() != closing) {
            fail("token() is " + c.token() + " after skipValue() of " + t);
          }
        }
        check.check(c);
        tokens.add(new Tok(describe(c), c.depth(), c.tokenOffset()));
        // Every token takes at least one byte: more tokens than bytes means a loop.
        if (tokens.size() > end - start) {
          fail("no progress: " + tokens.size() + " tokens from " + (end - start) + " bytes, last "
              + tokens.subList(Math.max(0, tokens.size() - 5), tokens.size()));
        }
      }
    } catch (JsonCursor.SyntaxError e) {
      assertThat(e.offset()).as("offset of %s in a %s-byte range", e.getMessage(), end - start)
          .isBetween(0, end - start);
      return Outcome.rejected(tokens, e.getMessage());
    }
    for (int i = 0; i < 3; i++) {
      assertThat(c.token()).as("token() at the end").isEqualTo(JsonCursor.END);
      assertThat(c.depth()).as("depth() at the end").isZero();
      assertThat(c.next()).as("next() after END").isEqualTo(JsonCursor.END);
    }
    return Outcome.accepted(tokens);
  }

  /**
   * Whether {@code buf[start, end)} is accepted when only {@link JsonCursor#next()} is called:
   * no text is asked for, so nothing needs decoding, but everything must still be checked.
   */
  static boolean acceptedWithoutText(JsonCursor c, byte[] buf, int start, int end) {
    c.reset(buf, start, end);
    try {
      for (int i = 0; i <= end - start; i++) {
        if (c.next() == JsonCursor.END) {
          return true;
        }
      }
      throw new AssertionError("no END after " + (end - start + 1) + " tokens");
    } catch (JsonCursor.SyntaxError e) {
      return false;
    }
  }
}
