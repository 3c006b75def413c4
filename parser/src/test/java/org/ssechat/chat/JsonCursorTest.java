package org.ssechat.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.ssechat.chat.JsonCursor.END;
import static org.ssechat.chat.JsonCursor.END_ARRAY;
import static org.ssechat.chat.JsonCursor.END_OBJECT;
import static org.ssechat.chat.JsonCursor.FALSE;
import static org.ssechat.chat.JsonCursor.FLOAT;
import static org.ssechat.chat.JsonCursor.INT;
import static org.ssechat.chat.JsonCursor.MAX_DEPTH;
import static org.ssechat.chat.JsonCursor.NAME;
import static org.ssechat.chat.JsonCursor.NULL;
import static org.ssechat.chat.JsonCursor.START_ARRAY;
import static org.ssechat.chat.JsonCursor.START_OBJECT;
import static org.ssechat.chat.JsonCursor.STRING;
import static org.ssechat.chat.JsonCursor.TRUE;
import static org.ssechat.chat.JsonCursorTokens.acceptedWithoutText;
import static org.ssechat.chat.JsonCursorTokens.hex;
import static org.ssechat.chat.JsonCursorTokens.latin1;
import static org.ssechat.chat.JsonCursorTokens.read;
import static org.ssechat.sse.testing.Fixtures.concat;
import static org.ssechat.sse.testing.Fixtures.utf8;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ssechat.chat.JsonCursor.Names;
import org.ssechat.chat.JsonCursor.SyntaxError;
import org.ssechat.chat.JsonCursorTokens.Outcome;
import org.ssechat.chat.JsonCursorTokens.Tok;
import org.ssechat.sse.Utf8;

/**
 * {@link JsonCursor} against its javadoc, one rule per test, on hand-written bytes. Written from
 * the javadoc alone, not from the implementation; {@link JsonCursorDifferentialTest} adds
 * generated documents checked against Jackson.
 */
@Timeout(10)
class JsonCursorTest {

  private final JsonCursor cursor = new JsonCursor();

  /** The tokens of {@code json} (UTF-8), failing if it is rejected. */
  private List<String> tokens(String json) {
    return tokens(utf8(json));
  }

  private List<String> tokens(byte[] input) {
    Outcome o = read(cursor, input, 0, input.length);
    assertThat(o.error()).as(() -> "error reading " + show(input)).isNull();
    return o.texts();
  }

  /** The text of the one string that {@code input} is. */
  private String stringValue(byte[] input) {
    List<String> t = tokens(input);
    assertThat(t).as(() -> "tokens of " + show(input)).hasSize(1);
    assertThat(t.get(0)).startsWith("string:");
    return t.get(0).substring("string:".length());
  }

  /** The error reading {@code json} (UTF-8), failing if it is accepted. */
  private SyntaxError error(String json) {
    return error(utf8(json));
  }

  private SyntaxError error(byte[] input) {
    return error(input, 0, input.length);
  }

  private SyntaxError error(byte[] buf, int start, int end) {
    Outcome o = read(cursor, buf, start, end);
    assertThat(o.isAccepted()).as(() -> show(buf, start, end) + " accepted as " + o.texts())
        .isFalse();
    try {
      // read() caught the error: read again to hold the exception itself.
      cursor.reset(buf, start, end);
      for (int i = 0; i <= end - start; i++) {
        cursor.next();
      }
    } catch (SyntaxError e) {
      return e;
    }
    throw new AssertionError("no error the second time: " + show(buf, start, end));
  }

  private static String show(byte[] b) {
    return show(b, 0, b.length);
  }

  /** Printable ASCII as is, every other byte as {@code \xNN}. */
  private static String show(byte[] b, int start, int end) {
    StringBuilder sb = new StringBuilder("'");
    for (int i = start; i < end; i++) {
      int c = b[i] & 0xFF;
      sb.append(c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02X", c));
    }
    return sb.append('\'').toString();
  }

  // ---- tokens ---------------------------------------------------------------------------------

  @Test
  void everyTokenType() {
    assertThat(tokens("{\"a\":[1,-2.5e3,\"s\",true,false,null,{},[]],\"b\":{\"c\":0}}"))
        .containsExactly("{", "name:a", "[", "int:1", "float:-2.5e3", "string:s", "true",
            "false", "null", "{", "}", "[", "]", "]", "name:b", "{", "name:c", "int:0", "}", "}");
  }

  @Test
  void nextReturnsTheTokenConstants() {
    byte[] input = utf8("[{\"n\":\"s\"},1,1.0,true,false,null]");
    cursor.reset(input, 0, input.length);
    List<Integer> types = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      types.add(cursor.next());
    }
    assertThat(types).containsExactly(START_ARRAY, START_OBJECT, NAME, STRING, END_OBJECT, INT,
        FLOAT, TRUE, FALSE, NULL, END_ARRAY, END);
  }

  @Test
  void aScalarAloneIsADocument() {
    assertThat(tokens("\"x\"")).containsExactly("string:x");
    assertThat(tokens("-7")).containsExactly("int:-7");
    assertThat(tokens("7.5")).containsExactly("float:7.5");
    assertThat(tokens("true")).containsExactly("true");
    assertThat(tokens("false")).containsExactly("false");
    assertThat(tokens("null")).containsExactly("null");
    assertThat(tokens("[]")).containsExactly("[", "]");
    assertThat(tokens("{}")).containsExactly("{", "}");
  }

  @Test
  void tokenIsEndBeforeTheFirstNextAndEndComesAgainAfterTheValue() {
    cursor.reset(utf8("[1] "), 0, 4);
    assertThat(cursor.token()).isEqualTo(END);
    assertThat(cursor.depth()).isZero();
    assertThat(cursor.next()).isEqualTo(START_ARRAY);
    assertThat(cursor.next()).isEqualTo(INT);
    assertThat(cursor.token()).isEqualTo(INT);
    assertThat(cursor.next()).isEqualTo(END_ARRAY);
    for (int i = 0; i < 5; i++) {
      assertThat(cursor.next()).isEqualTo(END);
      assertThat(cursor.token()).isEqualTo(END);
      assertThat(cursor.depth()).isZero();
    }
  }

  @Test
  void depthCountsTheContainersOpenAfterEachToken() {
    byte[] input = utf8(" {\"a\":[{\"b\":[]}],\"c\":1} ");
    assertThat(read(cursor, input, 0, input.length).tokens())
        .extracting(Tok::text, Tok::depth)
        .containsExactly(tuple("{", 1), tuple("name:a", 1), tuple("[", 2), tuple("{", 3),
            tuple("name:b", 3), tuple("[", 4), tuple("]", 3), tuple("}", 2), tuple("]", 1),
            tuple("name:c", 1), tuple("int:1", 1), tuple("}", 0));
    assertThat(read(cursor, utf8("12"), 0, 2).tokens()).extracting(Tok::depth).containsExactly(0);
  }

  @Test
  void tokenOffsetIsWhereTheTokenStarts() {
    byte[] input = utf8(" {\"id\": 12,\"x\":[ true,null ,\"s\",-1.5]}");
    assertThat(read(cursor, input, 0, input.length).tokens())
        .extracting(Tok::text, Tok::offset)
        .containsExactly(tuple("{", 1), tuple("name:id", 2), tuple("int:12", 8),
            tuple("name:x", 11), tuple("[", 15), tuple("true", 17), tuple("null", 22),
            tuple("string:s", 28), tuple("float:-1.5", 32), tuple("]", 36), tuple("}", 37));
  }

  // ---- names ----------------------------------------------------------------------------------

  /** The {@link JsonCursor#name} of every NAME in {@code json}, in order. */
  private List<Integer> nameIndexes(Names names, byte[] json) {
    cursor.reset(json, 0, json.length);
    List<Integer> out = new ArrayList<>();
    for (int t = cursor.next(); t != END; t = cursor.next()) {
      if (t == NAME) {
        out.add(cursor.name(names));
      }
    }
    return out;
  }

  private List<Integer> nameIndexes(Names names, String json) {
    return nameIndexes(names, utf8(json));
  }

  @Test
  void namesAreFoundByPosition() {
    Names names = new Names("id", "choices", "delta");
    assertThat(nameIndexes(names,
        "{\"choices\":1,\"id\":2,\"delta\":{\"id\":[]},\"other\":4,\"i\":5,\"idx\":6,"
            + "\"ID\":7,\"\":8,\"ids\":9,\"d\":10,\"choice\":11,\"choicesx\":12}"))
        .containsExactly(1, 0, 2, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1);
  }

  @Test
  void aNameWrittenWithEscapesIsDecodedFirst() {
    Names names = new Names("id", "choices", "a/b");
    assertThat(nameIndexes(names,
        "{\"\\u0069d\":1,\"\\u0069\\u0064\":2,\"ch\\u006Fices\":3,\"ch\\u006fices\":4,"
            + "\"a\\/b\":5,\"\\u0069\":6,\"\\u0069dd\":7,\"i\\u0064\":8,\"id\\u0030\":9,"
            + "\"id\\u0000\":10,\"\\u0049d\":11}"))
        .containsExactly(0, 0, 1, 1, 2, -1, -1, 0, -1, -1, -1);
  }

  @Test
  void namesWithQuotesBackslashesAndTheEmptyName() {
    Names names = new Names("a\"b", "c\\d", "");
    assertThat(nameIndexes(names, "{\"a\\\"b\":1,\"c\\\\d\":2,\"\":3,\"a\":4,\"c\":5}"))
        .containsExactly(0, 1, 2, -1, -1);
  }

  @Test
  void aNonAsciiNameIsNone() {
    Names names = new Names("id", "e");
    assertThat(nameIndexes(names,
        "{\"\u00efd\":1,\"\u00e9\":2,\"\\u00e9\":3,\"id\u00e9\":4,\"id\":5}"))
        .containsExactly(-1, -1, -1, -1, 0);
    assertThat(nameIndexes(names, concat(utf8("{\""), hex("FF"), utf8("id\":1,\"i"),
        hex("E4 B8"), utf8("\":2}")))).containsExactly(-1, -1);
  }

  @Test
  void manySimilarNamesEachFindTheirOwnPosition() {
    List<String> all = new ArrayList<>(List.of("content", "content_filter", "contents", "c",
        "co", "reasoning_content", "reasoning", "tool_calls", "tool_call_id", "finish_reason"));
    for (int i = 0; i < 40; i++) {
      all.add("n" + i);
    }
    Names names = new Names(all.toArray(String[]::new));
    StringBuilder json = new StringBuilder("{");
    for (String n : all) {
      json.append('"').append(n).append("\":0,");
    }
    json.append("\"cont\":0,\"n40\":0,\"n\":0,\"contentt\":0}");
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      expected.add(i);
    }
    expected.addAll(List.of(-1, -1, -1, -1));
    assertThat(nameIndexes(names, json.toString())).isEqualTo(expected);
  }

  @Test
  void nameTextIsDecoded() {
    assertThat(tokens("{\"a\\tb\\u00e9\u4e2d\\uD83D\\uDE00\":1}"))
        .containsExactly("{", "name:a\tb\u00e9\u4e2d\uD83D\uDE00", "int:1", "}");
  }

  // ---- strings --------------------------------------------------------------------------------

  @Test
  void shortEscapes() {
    assertThat(stringValue(utf8("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"")))
        .isEqualTo("\"\\/\b\f\n\r\t");
    assertThat(stringValue(utf8("\"a\\nb\\\\\\\"c\""))).isEqualTo("a\nb\\\"c");
  }

  @Test
  void unicodeEscapesInUpperAndLowerHex() {
    assertThat(stringValue(utf8("\"\\u00e9\\u00E9\\u4E2d\\uabCD\\u0041\\u0000\\u001f\\u007F\"")))
        .isEqualTo("\u00e9\u00e9\u4e2d\uabcdA\0\u001f\u007f");
    assertThat(stringValue(utf8("\"\\uFFFF\\uFEFF\\u2028\\u0022\\u005C\"")))
        .isEqualTo("\uffff\ufeff\u2028\"\\");
  }

  @Test
  void anEscapedSurrogatePairFormsOneCodePoint() {
    String emoji = stringValue(utf8("\"\\uD83D\\uDE00\""));
    assertThat(emoji).isEqualTo("\uD83D\uDE00");
    assertThat(emoji.codePointCount(0, emoji.length())).isEqualTo(1);
    assertThat(stringValue(utf8("\"x\\ud83d\\ude00y\\uDBFF\\uDFFF\"")))
        .isEqualTo("x\uD83D\uDE00y\uDBFF\uDFFF");
  }

  @Test
  void loneEscapedSurrogatesStayAsTheyAre() {
    assertThat(stringValue(utf8("\"\\uD800\""))).isEqualTo("\uD800");
    assertThat(stringValue(utf8("\"\\uDC00x\""))).isEqualTo("\uDC00x");
    assertThat(stringValue(utf8("\"\\uDE00\\uD83D\""))).isEqualTo("\uDE00\uD83D");
    assertThat(stringValue(utf8("\"\\uD83Da\""))).isEqualTo("\uD83Da");
    assertThat(stringValue(utf8("\"\\uD83D\\n\""))).isEqualTo("\uD83D\n");
    assertThat(stringValue(utf8("\"\\uD83D\\uD83D\\uDE00\""))).isEqualTo("\uD83D\uD83D\uDE00");
    // An escaped high surrogate next to a real character or an encoded (ill-formed) low one.
    assertThat(stringValue(utf8("\"\\uD83D\uD83D\uDE00\""))).isEqualTo("\uD83D\uD83D\uDE00");
    assertThat(stringValue(concat(utf8("\"\\uD83D"), hex("ED B8 80"), utf8("\""))))
        .isEqualTo("\uD83D\uFFFD\uFFFD\uFFFD");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"\\x\"", "\"\\'\"", "\"\\a\"", "\"\\0\"", "\"\\U0041\"",
      "\"\\u12\"", "\"\\u12G4\"", "\"\\u-123\"", "\"\\u 123\"", "\"\\u+123\"", "\"\\", "\"\\u00",
      "\"\\\"", "\"\\ \"", "\"\\\n\"", "\"\\\u00e9\"", "{\"\\q\":1}", "[\"a\\", "\"\\uD83D\\u\""})
  void badEscapesAreErrors(String json) {
    error(json);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\\x", "\\'", "\\U0041", "\\u12", "\\u12G4", "\\u 123",
      "\\uD83D\\u", "a\u0001b", "\t", "\n", "\u001f", "\\\u0001"})
  void stringsAreCheckedEvenWhenTheirTextIsNotAskedFor(String bad) {
    for (String json : List.of("\"" + bad + "\"", "[\"" + bad + "\"]", "{\"k\":\"" + bad + "\"}",
        "{\"" + bad + "\":1}", "[\"ok\",\"" + bad + "\",\"ok\"]")) {
      byte[] input = latin1(json);
      assertThat(acceptedWithoutText(cursor, input, 0, input.length)).as(json).isFalse();
    }
  }

  @Test
  void theTextViewWorksWithoutCallingTextFirst() {
    byte[] input = utf8("[\"a\\u00e9\u4e2d\", {\"n\\tm\":0}]");
    cursor.reset(input, 0, input.length);
    cursor.next();
    assertThat(cursor.next()).isEqualTo(STRING);
    int length = cursor.textLength();
    int offset = 0;
    assertThat(new String(cursor.textChars(), offset, length)).isEqualTo("a\u00e9\u4e2d");
    cursor.next();
    assertThat(cursor.next()).isEqualTo(NAME);
    assertThat(new String(cursor.textChars(), 0, cursor.textLength()))
        .isEqualTo("n\tm");
  }

  @Test
  void duplicateNamesAreFine() {
    assertThat(tokens("{\"a\":1,\"a\":2}")).containsExactly("{", "name:a", "int:1", "name:a",
        "int:2", "}");
  }

  @Test
  void multiByteText() {
    assertThat(stringValue(utf8("\"\u4e2d\u6587 \uD83D\uDE00 \u00e9\u00df \uFFFD\""))).isEqualTo(
        "\u4e2d\u6587 \uD83D\uDE00 \u00e9\u00df \uFFFD");
    assertThat(stringValue(utf8("\"\\u4e2d\uD83D\uDE00\\n\u6587\""))).isEqualTo(
        "\u4e2d\uD83D\uDE00\n\u6587");
    assertThat(stringValue(utf8("\"\u0080\u07FF\u0800\uFFFF\uD800\uDC00\uDBFF\uDFFF\"")))
        .isEqualTo("\u0080\u07FF\u0800\uFFFF\uD800\uDC00\uDBFF\uDFFF");
  }

  /** First and last code points of every UTF-8 length and lead byte range. */
  @ParameterizedTest
  @ValueSource(ints = {0x80, 0x7FF, 0x800, 0xFFF, 0x1000, 0xCFFF, 0xD000, 0xD7FF, 0xE000, 0xFFFF,
      0x10000, 0x3FFFF, 0x40000, 0xFFFFF, 0x100000, 0x10FFFF})
  void utf8BoundaryCodePoints(int codePoint) {
    String c = Character.toString(codePoint);
    assertThat(stringValue(utf8("\"" + c + "\""))).isEqualTo(c);
    assertThat(stringValue(utf8("\"a" + c + c + "\\n" + c + "\"")))
        .isEqualTo("a" + c + c + "\n" + c);
    assertThat(tokens(utf8("{\"" + c + "\":\"" + c + "\"}")))
        .containsExactly("{", "name:" + c, "string:" + c, "}");
  }

  @Test
  void emptyAndLongStrings() {
    assertThat(tokens("[\"\",\"\"]")).containsExactly("[", "string:", "string:", "]");
    String longText = "ab\u00e9\u4e2d\uD83D\uDE00".repeat(20_000);
    String longEscaped = "\\n\\u00e9x".repeat(20_000);
    assertThat(tokens("[\"" + longText + "\",\"" + longEscaped + "\",\"z\"]"))
        .containsExactly("[", "string:" + longText, "string:" + "\n\u00e9x".repeat(20_000),
            "string:z", "]");
    String longName = "n".repeat(70_000);
    assertThat(tokens("{\"" + longName + "\":\"v\"}"))
        .containsExactly("{", "name:" + longName, "string:v", "}");
  }

  @Test
  void referenceDecoderReplacesEachMaximalSubpart() {
    assertThat(Utf8.decode(hex("C0 80"), 0, 2)).isEqualTo("\uFFFD\uFFFD");
    assertThat(Utf8.decode(hex("E4 B8"), 0, 2)).isEqualTo("\uFFFD");
    assertThat(Utf8.decode(hex("ED A0 80"), 0, 3)).isEqualTo("\uFFFD\uFFFD\uFFFD");
    assertThat(Utf8.decode(hex("F0 9F 98 41"), 0, 4)).isEqualTo("\uFFFDA");
  }

  @Test
  void illFormedUtf8InAStringBecomesReplacementCharacters() {
    assertThat(stringValue(latin1("\"\u00C0\u0080\""))).isEqualTo("\uFFFD\uFFFD");
    assertThat(stringValue(latin1("\"\u00E4\u00B8\""))).isEqualTo("\uFFFD");
    assertThat(stringValue(latin1("\"a\u00F0\u009F\u0098A\""))).isEqualTo("a\uFFFDA");
    assertThat(stringValue(latin1("\"\u00ED\u00A0\u0080\""))).isEqualTo("\uFFFD\uFFFD\uFFFD");
    assertThat(stringValue(latin1("\"\u00FF\""))).isEqualTo("\uFFFD");
    assertThat(tokens(latin1("[\"\u00C3\",1]"))).containsExactly("[", "string:\uFFFD", "int:1",
        "]");
  }

  /** Ill-formed and truncated sequences, some next to well-formed ones. */
  static Stream<String> illFormedUtf8() {
    return Stream.of("80", "BF", "80 80 80", "C0 80", "C1 BF", "C2", "C3 41", "C3 C3 A9", "DF",
        "E0 80 80", "E0 9F BF", "E0 A0", "E4 B8", "E4 41", "E4 B8 41", "ED A0 80", "ED BF BF",
        "ED A0 80 ED B0 80", "EF BF", "F0 80 80 80", "F0 8F BF BF", "F0 90", "F0 9F 98",
        "F0 9F 98 41", "F4 90 80 80", "F5 80 80 80", "F7 BF BF BF", "F8 88 80 80 80",
        "FC 84 80 80 80 80", "FE", "FF", "FE FF", "C3 A9 FF E4 B8 AD", "E4 B8 AD 80",
        "F0 9F 98 80 F0 9F 98", "7F C2 80 C2", "C2 7F", "C2 C0", "DF C0", "E0 9F 80", "E0 C0 80",
        "E1 7F 80", "E1 80 7F", "E1 80 C0", "EC C0 80", "ED 7F 80", "ED A0 7F", "EE 80 C0",
        "EF C0 BF", "F0 8F 80 80", "F0 C0 80 80", "F1 7F 80 80", "F1 80 7F 80", "F1 80 80 7F",
        "F1 80 80 C0", "F3 C0 80 80", "F4 7F 80 80", "F4 90 80 80", "F4 8F C0 80", "F4 8F BF C0",
        "C2 80 C2", "F1 80 80 80 F1", "F4 80 80 80 80");
  }

  @ParameterizedTest
  @MethodSource("illFormedUtf8")
  void illFormedUtf8DecodesLikeTheReferenceDecoder(String sequence) {
    byte[] raw = hex(sequence);
    String d = Utf8.decode(raw, 0, raw.length);
    assertThat(stringValue(concat(utf8("\"a"), raw, utf8("b\"")))).isEqualTo("a" + d + "b");
    assertThat(stringValue(concat(utf8("\""), raw, utf8("\"")))).isEqualTo(d);
    assertThat(stringValue(concat(utf8("\""), raw, utf8("\\n\"")))).isEqualTo(d + "\n");
    assertThat(tokens(concat(utf8("{\""), raw, utf8("\":[\""), raw, utf8("\"]}"))))
        .containsExactly("{", "name:" + d, "[", "string:" + d, "]", "}");
  }

  @ParameterizedTest
  @MethodSource("illFormedUtf8")
  void illFormedUtf8InASkippedStringIsNoError(String sequence) {
    byte[] input = concat(utf8("[[\""), hex(sequence), utf8("\"],1]"));
    cursor.reset(input, 0, input.length);
    assertThat(cursor.next()).isEqualTo(START_ARRAY);
    assertThat(cursor.next()).isEqualTo(START_ARRAY);
    cursor.skipValue();
    assertThat(cursor.token()).isEqualTo(END_ARRAY);
    assertThat(cursor.next()).isEqualTo(INT);
    assertThat(cursor.next()).isEqualTo(END_ARRAY);
    assertThat(cursor.next()).isEqualTo(END);
  }

  static Stream<Arguments> highBytesOutsideStrings() {
    return Stream.of(arguments("5B 80 5D", 1), arguments("C3 A9", 0), arguments("EF BB BF 31", 0),
        arguments("5B 31 2C E4 B8 AD 5D", 3), arguments("7B 22 61 22 C2 A0 3A 31 7D", 4),
        arguments("31 FF", 1), arguments("5B 5D 20 80", 3), arguments("5B C2 A0 31 5D", 1),
        arguments("5B E2 80 A8 31 5D", 1), arguments("7B E4 B8 AD 3A 31 7D", 1));
  }

  @ParameterizedTest
  @MethodSource
  void highBytesOutsideStrings(String input, int offset) {
    assertThat(error(hex(input)).offset()).isEqualTo(offset);
  }

  @Test
  void unescapedControlCharactersInStringsAreErrorsAtTheirOffset() {
    for (char c = 0; c < 0x20; c++) {
      assertThat(error(latin1("\"a" + c + "b\"")).offset()).as("char %s in a string", (int) c)
          .isEqualTo(2);
      assertThat(error(latin1("{\"a" + c + "\":1}")).offset()).as("char %s in a name", (int) c)
          .isEqualTo(3);
      assertThat(error(latin1("[[\"" + c + "\"]]"), 0, 7).offset()).isEqualTo(3);
    }
  }

  @Test
  void delAndEscapedControlCharactersAreFine() {
    assertThat(stringValue(latin1("\"a\u007Fb\""))).isEqualTo("a\u007Fb");
    assertThat(stringValue(utf8("\"\\u0000\\u001F\\u0009\""))).isEqualTo("\0\u001F\t");
  }

  // ---- whitespace -----------------------------------------------------------------------------

  @Test
  void spaceTabLineFeedAndCarriageReturnAreWhitespace() {
    assertThat(tokens(" \t\n\r[ \t\n\r1 \t\n\r, \t\n\r{ \t\n\r\"a\" \t\n\r: \t\n\rnull \t\n\r}"
        + " \t\n\r] \t\n\r")).containsExactly("[", "int:1", "{", "name:a", "null", "}", "]");
    assertThat(tokens("\r\n\r\n\"x\"\r\n")).containsExactly("string:x");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0C", "0B", "00", "1C", "1F", "C2 A0", "C2 85", "E2 80 A8", "E3 80 80",
      "EF BB BF"})
  void otherSpacesAreErrors(String space) {
    byte[] s = hex(space);
    assertThat(error(concat(utf8("["), s, utf8("1]"))).offset()).isEqualTo(1);
    assertThat(error(concat(s, utf8("1"))).offset()).isZero();
    assertThat(error(concat(utf8("{\"a\":1}"), s)).offset()).isEqualTo(7);
  }

  @Test
  void longRunsOfWhitespace() {
    String run = " \t\n\r  \r\n\t\t    \n\n        ".repeat(40);
    assertThat(tokens(run + "[" + run + "1" + run + "," + run + "{" + run + "\"a\"" + run + ":"
        + run + "true" + run + "}" + run + "]" + run))
        .containsExactly("[", "int:1", "{", "name:a", "true", "}", "]");
  }

  @Test
  void aNonSpaceInALongRunOfWhitespaceIsAnErrorAtItsOffset() {
    String run = " \t\n\r    \r\n\t\t  \n\n  ".repeat(3);
    // Neighbours of the whitespace bytes, and the whitespace bytes with the high bit set.
    String intruders = "\0\u0008\u000b\f\u000e\u001f!\u0089\u008a\u008d\u00a0\u00ff";
    for (char c : intruders.toCharArray()) {
      for (int pos = 0; pos <= run.length(); pos++) {
        String ws = run.substring(0, pos) + c + run.substring(pos);
        assertThat(error(latin1("[" + ws + "1]")).offset()).as("byte %s at %s", (int) c, pos)
            .isEqualTo(1 + pos);
        assertThat(error(latin1(ws + "1")).offset()).isEqualTo(pos);
        assertThat(error(latin1("1" + ws)).offset()).isEqualTo(1 + pos);
      }
    }
  }

  // ---- numbers --------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"0", "-0", "12", "-12", "1234567890", "9223372036854775808",
      "123456789012345678901234567890", "-98765432109876543210"})
  void integers(String n) {
    assertNumberEverywhere(n, "int:" + n);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.5", "-0.0", "0.5", "0.0", "1e5", "1E5", "1e+5", "1E+5", "1e-5",
      "-1.25e-3", "0e0", "0E-0", "-0e+0", "1.000000000000000000001", "10.01e010", "1e007",
      "123.456e789", "-1E-400", "5e-324"})
  void floats(String n) {
    assertNumberEverywhere(n, "float:" + n);
  }

  private void assertNumberEverywhere(String n, String token) {
    assertThat(tokens(n)).containsExactly(token);
    assertThat(tokens(" " + n + "\n")).containsExactly(token);
    assertThat(tokens("[" + n + "]")).containsExactly("[", token, "]");
    assertThat(tokens("[" + n + "," + n + "]")).containsExactly("[", token, token, "]");
    assertThat(tokens("{\"a\":" + n + "}")).containsExactly("{", "name:a", token, "}");
    assertThat(tokens("{\"a\":" + n + " }")).containsExactly("{", "name:a", token, "}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"01", "-01", "00", "-00", "012.5", "-", "--1", "+1", "+0", "1.", "-1.",
      "1.e5", ".5", "-.5", ".", "1e", "1E", "1e+", "1e-", "1e+-1", "1.5e", "1.2.3", "1..2",
      "1e5e5", "1e5.0", "0x10", "0X1A", "0b1", "1ee5", "NaN", "-NaN", "Infinity", "-Infinity",
      "+Infinity", "Inf", "- 1", "1_000", "1x", "-e5", "e5", "0.e1", "1.5e3.2", "0.5.", "1.5f",
      "1L", "\u0661"})
  void malformedNumbersAreErrors(String n) {
    error(n);
    error("[" + n + "]");
    error("[" + n + ",1]");
    error("{\"a\":" + n + "}");
    error("{\"a\":" + n + ",\"b\":1}");
  }

  static Stream<Arguments> nonNegativeLongs() {
    return Stream.of(arguments("0", 0L), arguments("-0", 0L), arguments("7", 7L),
        arguments("-7", -1L), arguments("-1", -1L), arguments("1234567890123", 1234567890123L),
        arguments("999999999999999999", 999999999999999999L),
        arguments("9223372036854775807", Long.MAX_VALUE),
        arguments("9223372036854775808", -1L), arguments("9223372036854775809", -1L),
        arguments("10000000000000000000", -1L), arguments("-9223372036854775808", -1L),
        arguments("-9223372036854775807", -1L), arguments("18446744073709551615", -1L),
        arguments("18446744073709551616", -1L), arguments("18446744073709551617", -1L),
        arguments("27670116110564327424", -1L), arguments("36893488147419103233", -1L),
        arguments("99999999999999999999", -1L), arguments("-99999999999999999999", -1L),
        arguments("100000000000000000000000000000000000001", -1L));
  }

  @ParameterizedTest
  @MethodSource
  void nonNegativeLongs(String n, long expected) {
    for (String json : List.of(n, "[" + n + "]", "{\"a\":" + n + ",\"b\":0}")) {
      byte[] input = utf8(json);
      cursor.reset(input, 0, input.length);
      advanceTo(INT);
      assertThat(cursor.nonNegativeLong()).as("nonNegativeLong of %s", json).isEqualTo(expected);
      assertThat(cursor.text()).isEqualTo(n);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-0", "1", "-1", "12345678901234567890", "9007199254740993",
      "9223372036854775807", "9223372036854775808", "0.1", "-0.0", "1.5", "1e5", "1E+5",
      "-1.25e-3", "1e400", "-1e400", "1e-400", "-1e-400", "2.2250738585072011e-308",
      "2.2250738585072012e-308", "4.9e-324", "2.4e-324", "2.5e-324", "1.7976931348623157e308",
      "1.7976931348623158e308", "1.7976931348623159e308", "0.30000000000000004", "1e23",
      "8.41e21", "123456789012345678901234567890.123456789e-10", "3.14159265358979323846264338",
      "1e0000000000000000000001", "0.000000000000000000000000000001e30", "100e-2"})
  void doubleValueIsWhatParseDoubleGives(String n) {
    for (String json : List.of(n, "[" + n + "]", "{\"a\":" + n + "}")) {
      byte[] input = utf8(json);
      cursor.reset(input, 0, input.length);
      advanceTo(INT, FLOAT);
      // Compared as bits: -0.0 is not 0.0.
      assertThat(Double.doubleToRawLongBits(cursor.doubleValue()))
          .as("doubleValue of %s: %s", json, cursor.doubleValue())
          .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(n)));
    }
  }

  /** Calls next() until it returns one of {@code types}. */
  private void advanceTo(int... types) {
    for (int t = cursor.next(); t != END; t = cursor.next()) {
      for (int wanted : types) {
        if (t == wanted) {
          return;
        }
      }
    }
    fail("END before any of " + Arrays.toString(types));
  }

  // ---- literals -------------------------------------------------------------------------------

  @Test
  void literals() {
    assertThat(tokens("[true,false,null]")).containsExactly("[", "true", "false", "null", "]");
    assertThat(tokens("{\"a\":true,\"b\":false,\"c\":null}")).containsExactly("{", "name:a",
        "true", "name:b", "false", "name:c", "null", "}");
    assertThat(tokens(" null ")).containsExactly("null");
    byte[] input = utf8("[true,false,null]");
    cursor.reset(input, 0, input.length);
    cursor.next();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      cursor.next();
      texts.add(cursor.text());
    }
    assertThat(texts).containsExactly("true", "false", "null");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tru", "nul", "fals", "t", "n", "f", "True", "TRUE", "False", "Null",
      "NULL", "nulll", "truex", "true1", "falsee", "nil", "none", "undefined", "t rue", "tr\"ue",
      "truefalse", "nullnull", "true_", "nUll", "\"true"})
  void badLiteralsAreErrors(String literal) {
    error(literal);
    error("[" + literal + "]");
    error("[" + literal + ",1]");
    error("{\"a\":" + literal + "}");
  }

  // ---- structure ------------------------------------------------------------------------------

  @ParameterizedTest
  @ValueSource(strings = {"", " ", " \t\r\n ", "[1,]", "{\"a\":1,}", "[,1]", "[,]", "{,}",
      "[1,,2]", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "[1 2]", "{\"a\"::1}", "{\"a\":}", "{\"a\"}",
      "{\"a\",1}", "{:1}", "[:]", ":", ",", "[1:2]", "{\"a\":1:2}", "[", "{", "[1", "[1,", "{\"a\"",
      "{\"a\":", "{\"a\":1", "{\"a\":1,", "\"abc", "[\"abc]", "{\"a\":[1,{\"b\":", "}", "]",
      "{}}", "[]]", "{]", "[}", "{\"a\":1]", "[{]}", "[1}", "1 2", "{}{}", "[][]", "{} x", "[] 1",
      "1,2", "[1],", "\"a\"\"b\"", "true false", "null null", "1 x", "{}]", "/*c*/1", "1/*c*/",
      "[1/**/]", "//c\n1", "1//c", "# c\n1", "1#", "'a'", "['a']", "{'a':1}", "{\"a\":'b'}",
      "{a:1}", "{true:1}", "{1:1}", "{null:1}", "{[]:1}", "{{}:1}", "()", "<>", "\\", "[\"a\"]x",
      "{\"a\":1}{", "[1]]", "[[1]", "[[[]]", "{\"a\":{}", "{\"a\":{}}}"})
  void malformedDocumentsAreErrors(String json) {
    error(json);
  }

  static Stream<Arguments> errorOffsets() {
    return Stream.of(arguments("[1,x]", 3), arguments("[1,]", 3), arguments("{\"a\":1,}", 7),
        arguments("{\"a\" 1}", 5), arguments("{\"a\":1 \"b\":2}", 7), arguments("[1 2]", 3),
        arguments("1 2", 2), arguments("{} x", 3), arguments("{}}", 2), arguments("[]]", 2),
        arguments("{]", 1), arguments("[}", 1), arguments("{\"a\":1]", 6),
        arguments("[/*c*/1]", 1), arguments("['a']", 1), arguments("{a:1}", 1),
        arguments("{1:2}", 1), arguments("[\f1]", 1), arguments(",", 0), arguments("]", 0),
        arguments("[,1]", 1), arguments("[1,,2]", 3), arguments("{\"a\"::1}", 5),
        arguments("{,}", 1), arguments("{\"a\":}", 5), arguments(":", 0), arguments("", 0),
        arguments("[1 x]", 3), arguments("{\"a\",1}", 4), arguments("[1:2]", 2),
        arguments("  {}  {}", 6), arguments("[\"a\" \"b\"]", 5), arguments("\"a\"x", 3),
        arguments("\"a\" \"b\"", 4), arguments("{\"a\":1}\n\n]", 9));
  }

  @ParameterizedTest
  @MethodSource
  void errorOffsets(String json, int offset) {
    assertThat(error(json).offset()).isEqualTo(offset);
  }

  @Test
  void exactlyMaxDepthIsFineAndOneMoreIsAnError() {
    String arrays = "[".repeat(MAX_DEPTH) + "]".repeat(MAX_DEPTH);
    Outcome ok = read(cursor, utf8(arrays), 0, arrays.length());
    assertThat(ok.error()).isNull();
    assertThat(ok.tokens()).extracting(Tok::depth).contains(MAX_DEPTH);
    assertThat(error("[".repeat(MAX_DEPTH + 1) + "]".repeat(MAX_DEPTH + 1)).offset())
        .isEqualTo(MAX_DEPTH);

    String objects = "{\"a\":".repeat(MAX_DEPTH) + "1" + "}".repeat(MAX_DEPTH);
    assertThat(tokens(objects)).hasSize(3 * MAX_DEPTH + 1);
    assertThat(error("{\"a\":".repeat(MAX_DEPTH + 1) + "1" + "}".repeat(MAX_DEPTH + 1)).offset())
        .isEqualTo(5 * MAX_DEPTH);

    String mixed = "[{\"a\":".repeat(MAX_DEPTH / 2) + "[]" + "}]".repeat(MAX_DEPTH / 2);
    error(mixed);
    String mixedOk = "[{\"a\":".repeat(MAX_DEPTH / 2 - 1) + "[]" + "}]".repeat(MAX_DEPTH / 2 - 1);
    assertThat(tokens(mixedOk)).hasSize(5 * (MAX_DEPTH / 2 - 1) + 2);
  }

  // ---- skipValue ------------------------------------------------------------------------------

  @Test
  void skipValueReadsThroughTheMatchingEnd() {
    byte[] input = utf8("{\"a\":[1,[2,{\"x\":\"y]}\"}],\"s\\\"]\"],\"b\":3}");
    cursor.reset(input, 0, input.length);
    assertThat(cursor.next()).isEqualTo(START_OBJECT);
    assertThat(cursor.next()).isEqualTo(NAME);
    assertThat(cursor.next()).isEqualTo(START_ARRAY);
    assertThat(cursor.depth()).isEqualTo(2);
    cursor.skipValue();
    assertThat(cursor.token()).isEqualTo(END_ARRAY);
    assertThat(cursor.depth()).isEqualTo(1);
    assertThat(cursor.tokenOffset()).isEqualTo(input.length - 8);
    assertThat(cursor.next()).isEqualTo(NAME);
    assertThat(cursor.text()).isEqualTo("b");
    assertThat(cursor.next()).isEqualTo(INT);
    assertThat(cursor.text()).isEqualTo("3");
    assertThat(cursor.next()).isEqualTo(END_OBJECT);
    assertThat(cursor.next()).isEqualTo(END);
  }

  @Test
  void skipValueOfTheRootObject() {
    byte[] input = utf8(" {\"a\":{\"b\":[{}, \"\\\\\"]}} ");
    cursor.reset(input, 0, input.length);
    assertThat(cursor.next()).isEqualTo(START_OBJECT);
    cursor.skipValue();
    assertThat(cursor.token()).isEqualTo(END_OBJECT);
    assertThat(cursor.depth()).isZero();
    assertThat(cursor.tokenOffset()).isEqualTo(input.length - 2);
    assertThat(cursor.next()).isEqualTo(END);
  }

  @Test
  void skipValueOfAnEmptyContainer() {
    byte[] input = utf8("[[],{},1]");
    cursor.reset(input, 0, input.length);
    cursor.next();
    assertThat(cursor.next()).isEqualTo(START_ARRAY);
    cursor.skipValue();
    assertThat(cursor.token()).isEqualTo(END_ARRAY);
    assertThat(cursor.tokenOffset()).isEqualTo(2);
    assertThat(cursor.next()).isEqualTo(START_OBJECT);
    cursor.skipValue();
    assertThat(cursor.token()).isEqualTo(END_OBJECT);
    assertThat(cursor.tokenOffset()).isEqualTo(5);
    assertThat(cursor.next()).isEqualTo(INT);
    assertThat(cursor.next()).isEqualTo(END_ARRAY);
    assertThat(cursor.next()).isEqualTo(END);
  }

  @Test
  void skipValueOnAScalarOrANameDoesNothing() {
    byte[] input = utf8("{\"a\":\"s\",\"b\":1,\"c\":[true]}");
    cursor.reset(input, 0, input.length);
    List<Integer> seen = new ArrayList<>();
    for (int t = cursor.next(); t != END; t = cursor.next()) {
      int depth = cursor.depth();
      int offset = cursor.tokenOffset();
      if (t != START_ARRAY && t != START_OBJECT) {
        cursor.skipValue();
        assertThat(cursor.token()).isEqualTo(t);
        assertThat(cursor.depth()).isEqualTo(depth);
        assertThat(cursor.tokenOffset()).isEqualTo(offset);
      }
      seen.add(t);
    }
    assertThat(seen).containsExactly(START_OBJECT, NAME, STRING, NAME, INT, NAME, START_ARRAY,
        TRUE, END_ARRAY, END_OBJECT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[[1,]]", "[{\"a\" 1}]", "[[\"\u0001\"]]", "[[\"\\q\"]]", "[[01]]",
      "[[tru]]", "[[1]", "[[\"a]]", "[[1 2]]", "[{\"a\":1,}]", "[[}]", "[{]]", "[[\"\\u12\"]]",
      "[[/*c*/]]", "[{a:1}]", "[['a']]", "[[1.]]", "[[-]]", "[[\f]]", "[[NaN]]"})
  void skipValueChecksWhatItSkips(String json) {
    byte[] input = utf8(json);
    cursor.reset(input, 0, input.length);
    cursor.next();
    try {
      cursor.next();
      cursor.skipValue();
      for (int i = 0; i <= input.length; i++) {
        cursor.next();
      }
      fail("accepted " + json);
    } catch (SyntaxError expected) {
      assertThat(expected.offset()).isBetween(0, input.length);
    }
  }

  @Test
  void skipValueChecksTheDepthLimit() {
    byte[] input = utf8("[".repeat(MAX_DEPTH + 1) + "]".repeat(MAX_DEPTH + 1));
    cursor.reset(input, 0, input.length);
    cursor.next();
    try {
      cursor.skipValue();
      fail("skipped " + (MAX_DEPTH + 1) + " nested arrays");
    } catch (SyntaxError expected) {
      assertThat(expected.offset()).isEqualTo(MAX_DEPTH);
    }
    byte[] deepest = utf8("[".repeat(MAX_DEPTH) + "]".repeat(MAX_DEPTH));
    cursor.reset(deepest, 0, deepest.length);
    cursor.next();
    cursor.skipValue();
    assertThat(cursor.token()).isEqualTo(END_ARRAY);
    assertThat(cursor.next()).isEqualTo(END);
  }

  @Test
  void anErrorAfterASkippedValueIsStillFound() {
    byte[] input = utf8("[[1],]");
    cursor.reset(input, 0, input.length);
    cursor.next();
    cursor.next();
    cursor.skipValue();
    try {
      cursor.next();
      fail("accepted a trailing comma after a skipped value");
    } catch (SyntaxError expected) {
      assertThat(expected.offset()).isEqualTo(5);
    }
  }

  // ---- reuse and ranges -----------------------------------------------------------------------

  @Test
  void oneCursorReadsManyDocumentsOfDifferentSizesAndRecoversFromErrors() {
    String big = "x\u00e9\u4e2d".repeat(30_000);
    for (int round = 0; round < 3; round++) {
      assertThat(tokens("[\"" + big + "\",{\"k\":\"" + big + "\"}]")).containsExactly("[",
          "string:" + big, "{", "name:k", "string:" + big, "}", "]");
      assertThat(tokens("\"ab\"")).containsExactly("string:ab");
      error("[[[");
      assertThat(tokens("{\"a\":1}")).containsExactly("{", "name:a", "int:1", "}");
      error("[[\"abc\u0001");
      assertThat(tokens("1")).containsExactly("int:1");
      error("[".repeat(MAX_DEPTH + 1));
      assertThat(tokens("[".repeat(MAX_DEPTH) + "]".repeat(MAX_DEPTH)))
          .hasSize(2 * MAX_DEPTH);
      error("{\"a\":\"\\u12");
      assertThat(tokens("\"\"")).containsExactly("string:");
      error("-");
      assertThat(tokens("-5")).containsExactly("int:-5");
      assertThat(tokens("[" + "9".repeat(5000) + "]")).containsExactly("[",
          "int:" + "9".repeat(5000), "]");
      assertThat(tokens("2.5")).containsExactly("float:2.5");
    }
  }

  @Test
  void resetAbandonsADocumentHalfRead() {
    byte[] first = utf8("[1,{\"a\":[2,3");
    cursor.reset(first, 0, first.length);
    cursor.next();
    cursor.next();
    cursor.next();
    cursor.next();
    cursor.next();
    assertThat(cursor.depth()).isEqualTo(3);
    assertThat(tokens("true")).containsExactly("true");
    cursor.reset(first, 0, first.length);
    cursor.next();
    assertThat(tokens("{}")).containsExactly("{", "}");
  }

  @Test
  void offsetsAreRelativeToTheStartOfTheRange() {
    byte[] buf = concat(latin1("\"[{\u00ff\\"),
        utf8(" {\"id\": 12,\"x\":[ true,null ,\"s\",-1.5]}"), latin1("]\"}\u00ff1"));
    int start = 5;
    int end = buf.length - 5;
    Outcome o = read(cursor, buf, start, end);
    assertThat(o.tokens()).extracting(Tok::text, Tok::offset)
        .containsExactly(tuple("{", 1), tuple("name:id", 2), tuple("int:12", 8),
            tuple("name:x", 11), tuple("[", 15), tuple("true", 17), tuple("null", 22),
            tuple("string:s", 28), tuple("float:-1.5", 32), tuple("]", 36), tuple("}", 37));

    byte[] bad = utf8("xxxx[1,]yyyy");
    assertThat(error(bad, 4, 8).offset()).isEqualTo(3);
    byte[] badChar = latin1("[[[[\"a\u0001\"]]]]");
    assertThat(error(badChar, 4, 8).offset()).isEqualTo(2);
    assertThat(error(bad, 6, 6).offset()).isZero();
    assertThat(error(bad, bad.length, bad.length).offset()).isZero();
  }

  @Test
  void nothingOutsideTheRangeIsRead() {
    assertThat(range("[1]]]", 0, 3)).containsExactly("[", "int:1", "]");
    assertThat(range("12345", 1, 3)).containsExactly("int:23");
    assertThat(range("1.5e10", 0, 3)).containsExactly("float:1.5");
    assertThat(range("truex", 0, 4)).containsExactly("true");
    assertThat(range("\"[1]", 1, 4)).containsExactly("[", "int:1", "]");
    assertThat(range("[1][22][333]", 3, 7)).containsExactly("[", "int:22", "]");
    assertThat(range("[1][22][333]", 7, 12)).containsExactly("[", "int:333", "]");
    assertThat(range("\"ab\"cd\"", 3, 7)).containsExactly("string:cd");
    error(utf8("\"abc\""), 0, 3);
    error(utf8("true"), 0, 3);
    error(utf8("[1,2]"), 0, 4);
    error(utf8("1.5"), 0, 2);
    error(utf8("1e5"), 0, 2);
    error(utf8("-1"), 0, 1);
    error(utf8("\"a\\u0041\""), 0, 6);
    error(utf8("\"a\\n\""), 0, 3);
    error(utf8("{\"a\":1}"), 0, 6);
    error(utf8("{\"a\":1}"), 1, 7);
    // A character cut by the end of the range: the string is unterminated, not U+FFFD.
    error(utf8("\"\u4e2d\""), 0, 3);
    error(utf8("\"\u4e2d\""), 0, 4);
  }

  private List<String> range(String buf, int start, int end) {
    Outcome o = read(cursor, utf8(buf), start, end);
    assertThat(o.error()).as("error reading [%s, %s) of %s", start, end, buf).isNull();
    return o.texts();
  }
}
