package org.ssechat.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.ssechat.chat.JsonCursorTokens.acceptedWithoutText;
import static org.ssechat.chat.JsonCursorTokens.latin1;
import static org.ssechat.chat.JsonCursorTokens.read;
import static org.ssechat.sse.testing.Fixtures.concat;
import static org.ssechat.sse.testing.Fixtures.utf8;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.ssechat.chat.JsonCursor.Names;
import org.ssechat.chat.JsonCursorTokens.Outcome;
import org.ssechat.chat.JsonCursorTokens.Tok;
import org.ssechat.sse.Utf8;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * {@link JsonCursor} against Jackson's streaming parser with default features as the oracle.
 * Generated valid documents (nesting up to {@value #MAX_GENERATED_DEPTH} deep, names and
 * strings with every escape and characters of every plane, numbers of every shape, random
 * whitespace) give the same tokens: kind, text, depth and offset. The same documents with a few
 * bytes inserted, deleted or replaced, or cut short, are accepted or rejected alike, with the
 * same tokens when accepted. Both readers skip the same objects and arrays, and the cursor reads
 * its document from the middle of a larger array. Strings made of pieces chosen to trip a scanner
 * that reads several bytes at once are checked against their known decoding instead.
 *
 * <p>Where Jackson is not a fair oracle the input is kept out of its reach, deliberately:
 * <ul>
 *   <li>Jackson detects the encoding of a byte array (NULs among the first four bytes mean
 *       UTF-16 or UTF-32, so it accepts {@code 31 00} as {@code 1}) and skips a UTF-8 BOM. The
 *       cursor reads UTF-8 only, where a raw NUL is never valid JSON and a BOM is not whitespace,
 *       so such inputs count as rejected without asking Jackson.
 *   <li>Jackson rejects ill-formed UTF-8 where the cursor decodes it to U+FFFD, so mutated
 *       documents are kept only if they are well-formed UTF-8 ({@link JsonCursorTest} checks the
 *       decoding against {@link org.ssechat.sse.Utf8}).
 *   <li>Jackson refuses a lone escaped surrogate in a property name (it keeps one in a string);
 *       the cursor keeps it in both, as its javadoc says. Generated names have none, and mutated
 *       documents where Jackson stops at one are discarded.
 *   <li>Jackson reads a sequence of root values and returns no token for empty input, so the
 *       oracle itself requires exactly one value followed only by whitespace.
 *   <li>Jackson's {@code StreamReadConstraints} allow 500 levels (the cursor 512) and numbers of
 *       1000 characters: generated documents stay below 25 levels and 60-character numbers.
 * </ul>
 */
class JsonCursorDifferentialTest {

  private static final JsonFactory JACKSON = new JsonFactory();
  private static final int MAX_GENERATED_DEPTH = 20;

  /** Names looked up with {@link JsonCursor#name}: every NAME's position is checked. */
  private static final List<String> KNOWN = List.of("id", "choices", "delta", "content", "index",
      "role", "a", "tool_calls", "finish_reason");
  private static final Names NAMES = new Names(KNOWN.toArray(String[]::new));

  private final JsonCursor cursor = new JsonCursor();

  // ---- properties -----------------------------------------------------------------------------

  @Property(tries = 1500)
  void validDocumentsGiveTheSameTokensAsJackson(@ForAll("documents") String document,
      @ForAll("junk") byte[] before, @ForAll("junk") byte[] after,
      @ForAll("skips") List<Boolean> skips) {
    byte[] json = utf8(document);
    Outcome expected = jackson(json, () -> false);
    assertThat(expected.error()).as("Jackson rejects generated %s", javaLiteral(json)).isNull();
    byte[] buf = concat(before, json, after);
    int start = before.length;
    int end = start + json.length;
    Outcome actual = read(cursor, buf, start, end, () -> false,
        JsonCursorDifferentialTest::checkValues);
    assertThat(difference(expected, actual)).as("input %s", javaLiteral(json)).isNull();

    Outcome expectedSkipping = jackson(json, cycle(skips));
    Outcome actualSkipping = read(cursor, buf, start, end, cycle(skips), at -> {});
    assertThat(difference(expectedSkipping, actualSkipping))
        .as("input %s skipping %s", javaLiteral(json), skips).isNull();

    int depth = expected.tokens().stream().mapToInt(Tok::depth).max().orElse(0);
    Statistics.label("depth").collect(depth < 5 ? "0-4" : depth < 10 ? "5-9" : "10+");
    Statistics.label("depth").coverage(c -> c.check("10+").percentage(p -> p >= 5));
  }

  @Property(tries = 4000)
  void mutatedDocumentsAreAcceptedOrRejectedAlike(@ForAll("mutated") byte[] input,
      @ForAll("junk") byte[] before, @ForAll("junk") byte[] after,
      @ForAll("skips") List<Boolean> skips) {
    Outcome expected = jackson(input, cycle(skips));
    Assume.that(!refusesLoneSurrogateInName(expected));
    byte[] buf = concat(before, input, after);
    Outcome actual = read(cursor, buf, before.length, before.length + input.length, cycle(skips),
        JsonCursorDifferentialTest::checkValues);
    assertThat(difference(expected, actual)).as("input %s", javaLiteral(input)).isNull();
    assertThat(acceptedWithoutText(cursor, buf, before.length, before.length + input.length))
        .as("accepted without asking for text: %s", javaLiteral(input))
        .isEqualTo(expected.isAccepted());

    Statistics.label("Jackson").collect(expected.isAccepted() ? "accepts" : "rejects");
    Statistics.label("Jackson").coverage(c -> {
      c.check("accepts").percentage(p -> p >= 5);
      c.check("rejects").percentage(p -> p >= 30);
    });
  }

  /** Value checks made at each cursor token, against references computed from its text. */
  private static void checkValues(JsonCursor c) {
    int t = c.token();
    if (t == JsonCursor.INT) {
      String text = c.text();
      BigInteger v = new BigInteger(text);
      long expected = v.signum() >= 0 && v.bitLength() < 64 ? v.longValue() : -1;
      if (c.nonNegativeLong() != expected) {
        fail("nonNegativeLong() of " + text + " is " + c.nonNegativeLong() + ", not " + expected);
      }
    }
    if (t == JsonCursor.INT || t == JsonCursor.FLOAT) {
      String text = c.text();
      double expected = Double.parseDouble(text);
      if (Double.doubleToRawLongBits(c.doubleValue()) != Double.doubleToRawLongBits(expected)) {
        fail("doubleValue() of " + text + " is " + c.doubleValue() + ", not " + expected);
      }
    }
    if (t == JsonCursor.NAME) {
      String text = c.text();
      if (c.name(NAMES) != KNOWN.indexOf(text)) {
        fail("name() of '" + text + "' is " + c.name(NAMES) + ", not " + KNOWN.indexOf(text));
      }
    }
  }

  // ---- strings of tricky bytes, against their known decoding ---------------------------------

  /**
   * Part of a string as written in JSON: raw bytes ({@code escaped} null), which decode as
   * {@link Utf8#decode} does with the raw bytes around them, or an escape and what it means.
   */
  private record Piece(byte[] json, String escaped) {

    static Piece raw(String hex) {
      return new Piece(JsonCursorTokens.hex(hex), null);
    }

    static Piece escape(String json, String decoded) {
      return new Piece(utf8(json), decoded);
    }
  }

  /**
   * Bytes that trip a scanner looking at several bytes at once: a quote, backslash or control
   * character with the high bit set (A2, DC, 9C), their neighbours, overlong quotes and
   * backslashes, ill-formed and truncated sequences, escapes of quote and backslash, long runs.
   */
  private static final List<Piece> PIECES = List.of(
      Piece.raw("61"), Piece.raw("61 62 63 64 65 66 67"),
      Piece.raw("61 62 63 64 65 66 67 68 69 6A 6B 6C 6D 6E 6F 70"), Piece.raw("23"),
      Piece.raw("21"), Piece.raw("5B"), Piece.raw("5D"), Piece.raw("20"), Piece.raw("7E"),
      Piece.raw("7F"), Piece.raw("C2 A2"), Piece.raw("C3 9C"), Piece.raw("C3 BC"),
      Piece.raw("DC 90"), Piece.raw("E2 82 AC"), Piece.raw("F0 9F 98 80"), Piece.raw("EF BF BF"),
      Piece.raw("A2"), Piece.raw("9C"), Piece.raw("DC"), Piece.raw("FF"), Piece.raw("C3"),
      Piece.raw("E2 82"), Piece.raw("F0 9F"), Piece.raw("ED A0 80"), Piece.raw("C0 A2"),
      Piece.raw("C1 9C"), Piece.raw("E0 80 A2"), Piece.raw("80"),
      Piece.escape("\\\"", "\""), Piece.escape("\\\\", "\\"), Piece.escape("\\/", "/"),
      Piece.escape("\\n", "\n"), Piece.escape("\\t", "\t"),
      Piece.escape("\\u0022", "\""), Piece.escape("\\u005C", "\\"),
      Piece.escape("\\u0000", "\0"), Piece.escape("\\uD83D", "\uD83D"),
      Piece.escape("\\uDE00", "\uDE00"), Piece.escape("\\u00A2", "\u00a2"));

  @Provide
  Arbitrary<List<Piece>> pieces() {
    return Arbitraries.of(PIECES).list().ofMaxSize(40);
  }

  /** What {@code pieces} decode to: raw runs through {@link Utf8#decode}, escapes as meant. */
  private static String decoded(List<Piece> pieces) {
    StringBuilder sb = new StringBuilder();
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    for (Piece p : pieces) {
      if (p.escaped() == null) {
        raw.writeBytes(p.json());
      } else {
        sb.append(Utf8.decode(raw.toByteArray(), 0, raw.size())).append(p.escaped());
        raw.reset();
      }
    }
    return sb.append(Utf8.decode(raw.toByteArray(), 0, raw.size())).toString();
  }

  private static byte[] joined(List<Piece> pieces) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    pieces.forEach(p -> out.writeBytes(p.json()));
    return out.toByteArray();
  }

  @Property(tries = 2500)
  void stringsOfTrickyBytesDecodeAsWritten(@ForAll("pieces") List<Piece> pieces,
      @ForAll @IntRange(min = 0, max = 15) int align, @ForAll("junk") byte[] after,
      @ForAll @IntRange(min = 0, max = 0x1F) int control, @ForAll @IntRange(max = 1000) int at) {
    byte[] before = latin1("\\\"".repeat(8).substring(0, align));
    byte[] content = joined(pieces);
    String text = decoded(pieces);
    byte[] string = concat(utf8("\""), content, utf8("\""));

    assertThat(readWithin(before, string, after, List.of()).tokens())
        .containsExactly(new Tok("string:" + text, 0, 0));
    assertThat(readWithin(before, concat(utf8("{"), string, utf8(":1}")), after, List.of())
        .tokens()).extracting(Tok::text)
        .containsExactly("{", "name:" + text, "int:1", "}");
    assertThat(readWithin(before, concat(utf8("[["), string, utf8("],7]")), after,
        List.of(false, true)).tokens())
        .containsExactly(new Tok("[", 1, 0), new Tok("]", 1, string.length + 2),
            new Tok("int:7", 1, string.length + 4), new Tok("]", 0, string.length + 5));

    // The closing quote just past the end of the range is not read.
    Outcome cut = readWithin(before, concat(utf8("\""), content), concat(utf8("\""), after),
        List.of());
    assertThat(cut.isAccepted()).as("a string cut by the end of the range").isFalse();

    // A raw control character is an error at its offset, read or skipped.
    int k = at % (pieces.size() + 1);
    byte[] head = joined(pieces.subList(0, k));
    byte[] bad = concat(utf8("\""), head, new byte[] {(byte) control},
        joined(pieces.subList(k, pieces.size())), utf8("\""));
    assertThat(errorOffset(before, bad, after, List.of())).isEqualTo(1 + head.length);
    assertThat(errorOffset(before, concat(utf8("[["), bad, utf8("]]")), after,
        List.of(false, true))).isEqualTo(3 + head.length);
  }

  /** Reads {@code json} placed between {@code before} and {@code after}, skipping as told. */
  private Outcome readWithin(byte[] before, byte[] json, byte[] after, List<Boolean> skips) {
    byte[] buf = concat(before, json, after);
    return read(cursor, buf, before.length, before.length + json.length, cycle(skips),
        JsonCursorDifferentialTest::checkValues);
  }

  /** The offset of the error in {@code json} placed between {@code before} and {@code after}. */
  private int errorOffset(byte[] before, byte[] json, byte[] after, List<Boolean> skips) {
    byte[] buf = concat(before, json, after);
    cursor.reset(buf, before.length, before.length + json.length);
    BooleanSupplier skip = cycle(skips);
    try {
      for (int i = 0; i <= json.length; i++) {
        int t = cursor.next();
        if ((t == JsonCursor.START_ARRAY || t == JsonCursor.START_OBJECT) && skip.getAsBoolean()) {
          cursor.skipValue();
        }
      }
    } catch (JsonCursor.SyntaxError e) {
      return e.offset();
    }
    throw new AssertionError("accepted " + Arrays.toString(json));
  }

  // ---- names, against their decoded text -------------------------------------------------------

  /** A set of names and one name to look up: one of them, a near miss, or another. */
  @Provide
  Arbitrary<Tuple.Tuple2<List<String>, String>> lookups() {
    Arbitrary<String> anyName = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.strings().withChars("ab_").ofMaxLength(20)),
        Tuple.of(1, Arbitraries.of(KNOWN)),
        Tuple.of(1, Arbitraries.strings().ascii().ofMaxLength(20)));
    return anyName.list().uniqueElements().ofMinSize(1).ofMaxSize(12).flatMap(set -> {
      Arbitrary<String> member = Arbitraries.of(set);
      Arbitrary<String> nearMiss = Combinators.combine(member, Arbitraries.of("", "a", "b", "_"),
          Arbitraries.integers().between(0, 2))
          .as((n, c, cut) -> n.substring(0, Math.max(0, n.length() - cut)) + c);
      return Arbitraries.frequencyOf(Tuple.of(3, member), Tuple.of(3, nearMiss),
          Tuple.of(1, anyName)).map(name -> Tuple.of(set, name));
    });
  }

  @Property(tries = 2000)
  void namesAreFoundByTheirDecodedText(@ForAll("lookups") Tuple.Tuple2<List<String>, String> lookup,
      @ForAll @IntRange(max = 511) int escapes, @ForAll boolean atTheEndOfTheArray) {
    List<String> set = lookup.get1();
    String name = lookup.get2();
    Names names = new Names(set.toArray(String[]::new));
    // The name's first eight characters escaped as the bits of escapes say.
    String quoted = jsonName(name, escapes);
    byte[] json = utf8("{" + quoted + ":0}");
    // After the range, the same name again, so that reading past it looks like a match.
    byte[] buf = atTheEndOfTheArray ? json : concat(json, utf8(name + "\":0}"));
    cursor.reset(buf, 0, json.length);
    assertThat(cursor.next()).isEqualTo(JsonCursor.START_OBJECT);
    assertThat(cursor.next()).isEqualTo(JsonCursor.NAME);
    assertThat(cursor.name(names)).as("%s in %s", quoted, set).isEqualTo(set.indexOf(name));
    assertThat(cursor.text()).isEqualTo(name);
    assertThat(cursor.name(names)).as("%s in %s after text()", quoted, set)
        .isEqualTo(set.indexOf(name));
  }

  /** {@code name} as a JSON string, its first eight chars escaped as {@code escapes} says. */
  private static String jsonName(String name, int escapes) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean mustEscape = c == '"' || c == '\\' || c < 0x20;
      sb.append(mustEscape || i < 8 && (escapes & (1 << i)) != 0 ? unicodeEscape(c, escapes >> 8)
          : String.valueOf(c));
    }
    return sb.append('"').toString();
  }

  // ---- the oracle -----------------------------------------------------------------------------

  /**
   * Jackson's reading of {@code json} as exactly one value followed only by whitespace, skipping
   * the objects and arrays {@code skip} says to, as {@link JsonCursorTokens#read} does.
   */
  static Outcome jackson(byte[] json, BooleanSupplier skip) {
    if (json.length >= 3 && (json[0] & 0xFF) == 0xEF && (json[1] & 0xFF) == 0xBB
        && (json[2] & 0xFF) == 0xBF) {
      return Outcome.rejected(List.of(), "UTF-8 BOM (not asking Jackson, which skips it)");
    }
    for (int i = 0; i < Math.min(4, json.length); i++) {
      if (json[i] == 0) {
        return Outcome.rejected(List.of(), "NUL at byte " + i + " (not asking Jackson, which "
            + "would read UTF-16 or UTF-32)");
      }
    }
    List<Tok> tokens = new ArrayList<>();
    try (JsonParser p = JACKSON.createParser(ObjectReadContext.empty(), json)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return Outcome.rejected(tokens, "no value");
      }
      while (true) {
        if (t.isStructStart() && skip.getAsBoolean()) {
          p.skipChildren();
        }
        tokens.add(new Tok(describe(p), p.streamReadContext().getNestingDepth(),
            (int) p.currentTokenLocation().getByteOffset()));
        if (p.streamReadContext().inRoot()) {
          break;
        }
        t = p.nextToken();
        if (t == null) {
          return Outcome.rejected(tokens, "input ends inside the value");
        }
      }
      JsonToken second = p.nextToken();
      if (second != null) {
        return Outcome.rejected(tokens, "a second value: " + second);
      }
      return Outcome.accepted(tokens);
    } catch (JacksonException e) {
      return Outcome.rejected(tokens, e.getOriginalMessage());
    }
  }

  /**
   * Whether Jackson stopped at a lone escaped surrogate in a property name: it keeps them in
   * strings but refuses them in names, where the cursor keeps them too, as its javadoc says.
   */
  private static boolean refusesLoneSurrogateInName(Outcome jackson) {
    return !jackson.isAccepted() && jackson.error().contains("surrogate")
        && jackson.error().contains("property name");
  }

  /** Jackson's current token in {@link JsonCursorTokens#describe}'s words. */
  private static String describe(JsonParser p) {
    return switch (p.currentToken()) {
      case START_OBJECT -> "{";
      case END_OBJECT -> "}";
      case START_ARRAY -> "[";
      case END_ARRAY -> "]";
      case PROPERTY_NAME -> "name:" + p.getString();
      case VALUE_STRING -> "string:" + p.getString();
      case VALUE_NUMBER_INT -> "int:" + p.getString();
      case VALUE_NUMBER_FLOAT -> "float:" + p.getString();
      case VALUE_TRUE -> "true";
      case VALUE_FALSE -> "false";
      case VALUE_NULL -> "null";
      default -> throw new AssertionError("unexpected Jackson token " + p.currentToken());
    };
  }

  /**
   * Why the cursor's outcome is not Jackson's, or null if they agree: both accept with the same
   * tokens, or both reject, the tokens read before the first error being the same.
   */
  static String difference(Outcome jackson, Outcome cursor) {
    if (jackson.isAccepted() != cursor.isAccepted()) {
      return (jackson.isAccepted() ? "JsonCursor rejects (" + cursor.error() + ")"
          : "Jackson rejects (" + jackson.error() + "), JsonCursor accepts")
          + "; tokens: Jackson " + jackson.tokens() + ", JsonCursor " + cursor.tokens();
    }
    List<Tok> a = jackson.tokens();
    List<Tok> b = cursor.tokens();
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      if (!a.get(i).equals(b.get(i))) {
        return "token " + i + ": Jackson " + a.get(i) + ", JsonCursor " + b.get(i);
      }
    }
    if (jackson.isAccepted() && a.size() != b.size()) {
      return "Jackson reads " + a.size() + " tokens " + a + ", JsonCursor " + b.size() + " " + b;
    }
    return null;
  }

  /** Answers from {@code answers} in turn, over and over; never true if it is empty. */
  private static BooleanSupplier cycle(List<Boolean> answers) {
    int[] next = {0};
    return () -> !answers.isEmpty() && answers.get(next[0]++ % answers.size());
  }

  /** {@code bytes} (well-formed UTF-8) as a Java string literal, for a reproducer. */
  static String javaLiteral(byte[] bytes) {
    String s = new String(bytes, StandardCharsets.UTF_8);
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> sb.append(c >= 0x20 && c < 0x7F ? String.valueOf(c)
            : String.format("\\u%04x", (int) c));
      }
    }
    return sb.append('"').toString();
  }

  // ---- the oracle can fail --------------------------------------------------------------------

  private static Outcome accepted(Tok... tokens) {
    return Outcome.accepted(List.of(tokens));
  }

  @Test
  void differenceSeesEveryKindOfDisagreement() {
    Outcome one = accepted(new Tok("[", 1, 0), new Tok("int:1", 1, 1), new Tok("]", 0, 2));
    assertThat(difference(one, one)).isNull();
    assertThat(difference(one,
        accepted(new Tok("[", 1, 0), new Tok("int:2", 1, 1), new Tok("]", 0, 2)))).isNotNull();
    assertThat(difference(one,
        accepted(new Tok("[", 1, 0), new Tok("float:1", 1, 1), new Tok("]", 0, 2)))).isNotNull();
    assertThat(difference(one,
        accepted(new Tok("[", 1, 0), new Tok("int:1", 0, 1), new Tok("]", 0, 2)))).isNotNull();
    assertThat(difference(one,
        accepted(new Tok("[", 1, 0), new Tok("int:1", 1, 2), new Tok("]", 0, 2)))).isNotNull();
    assertThat(difference(one, accepted(new Tok("[", 1, 0), new Tok("int:1", 1, 1)))).isNotNull();
    assertThat(difference(one, accepted())).isNotNull();
    Outcome rejected = Outcome.rejected(List.of(new Tok("[", 1, 0)), "bad");
    assertThat(difference(one, rejected)).isNotNull();
    assertThat(difference(rejected, one)).isNotNull();
    assertThat(difference(rejected, Outcome.rejected(List.of(), "other"))).isNull();
    assertThat(difference(rejected, Outcome.rejected(List.of(new Tok("{", 1, 0)), "bad")))
        .isNotNull();
  }

  @Test
  void jacksonAsOracleRejectsAnythingButOneValue() {
    for (String json : List.of("", "  ", "1 2", "{} x", "{}{}", "[1,]", "[1", "01", "\"\u0001\"",
        "{\"a\":1,}", "[1]]", "'a'", "NaN", "\u00a01")) {
      assertThat(jackson(utf8(json), () -> false).isAccepted()).as(json).isFalse();
    }
    for (byte[] json : List.of(latin1("\u00ef\u00bb\u00bf1"), latin1("1\0"),
        latin1("\0[\0]"))) {
      assertThat(jackson(json, () -> false).isAccepted()).isFalse();
    }
    assertThat(jackson(utf8(" {\"a\":[1.5,\"\\u00e9\"]}\n"), () -> false).tokens())
        .containsExactly(new Tok("{", 1, 1), new Tok("name:a", 1, 2), new Tok("[", 2, 6),
            new Tok("float:1.5", 2, 7), new Tok("string:\u00e9", 2, 11), new Tok("]", 1, 19),
            new Tok("}", 0, 20));
    assertThat(jackson(utf8("[[1],{\"b\":2},3]"), () -> true).tokens())
        .containsExactly(new Tok("]", 0, 14));
  }

  @Test
  void theCursorAndJacksonAgreeOnASampleAndDisagreeOnADifferentDocument() {
    byte[] json = utf8("{\"id\":[1,-0.5e3,\"\\ud83d\\ude00\u00e9\",true,null]}");
    Outcome cursorOutcome = read(cursor, json, 0, json.length);
    assertThat(difference(jackson(json, () -> false), cursorOutcome)).isNull();
    byte[] other = utf8("{\"id\":[1,-0.5e3,\"\\ud83d\\ude00\u00e8\",true,null]}");
    assertThat(difference(jackson(other, () -> false), cursorOutcome)).isNotNull();
  }

  // ---- generators -----------------------------------------------------------------------------

  @Provide
  Arbitrary<String> documents() {
    return Gen.DOCUMENT;
  }

  @Provide
  Arbitrary<byte[]> mutated() {
    return Combinators.combine(Gen.DOCUMENT, mutation().list().ofMinSize(1).ofMaxSize(3))
        .as((document, mutations) -> {
          byte[] b = utf8(document);
          for (Mutation m : mutations) {
            b = m.apply(b);
          }
          return b;
        })
        .filter(JsonCursorDifferentialTest::isUtf8);
  }

  /** Bytes around the cursor's range, which it must not read. */
  @Provide
  Arbitrary<byte[]> junk() {
    return Arbitraries.of("", "\"", "[", "{", "\\", "]", "}", "1", "e5", ",", "x", " ", "\u00ff",
            "\0", ".5", "\"}")
        .list().ofMaxSize(3).map(parts -> latin1(String.join("", parts)));
  }

  @Provide
  Arbitrary<List<Boolean>> skips() {
    return Arbitraries.of(true, false, false).list().ofMaxSize(5);
  }

  /**
   * The JSON text generators, built once: building them for every value would take most of the
   * run time.
   */
  private static final class Gen {

    static final Arbitrary<String> SPACE =
        Arbitraries.of("", "", "", "", " ", "\t", "\n", "\r\n", "\r", "  ", " \n\t\r ");
    static final Arbitrary<String> NAME = name();
    static final Arbitrary<String> SCALAR = Arbitraries.frequencyOf(
        Tuple.of(4, string(true)),
        Tuple.of(4, number()),
        Tuple.of(2, Arbitraries.of("true", "false", "null")));
    /** Element {@code d}: an object or array nested at most {@code d} deep. */
    static final List<Arbitrary<String>> CONTAINERS = new ArrayList<>();
    /** Element {@code d}: any value nested at most {@code d} deep. */
    static final List<Arbitrary<String>> VALUES = new ArrayList<>();

    static {
      VALUES.add(SCALAR);
      CONTAINERS.add(Arbitraries.of("[]", "{}"));
      for (int d = 1; d <= MAX_GENERATED_DEPTH; d++) {
        Arbitrary<String> inner = valueLazily(d - 1);
        Arbitrary<String> container = Arbitraries.frequencyOf(
            Tuple.of(2, array(inner)),
            Tuple.of(2, object(inner)),
            Tuple.of(1, nest(d)));
        CONTAINERS.add(container);
        VALUES.add(Arbitraries.frequencyOf(Tuple.of(5, SCALAR), Tuple.of(4, container)));
      }
    }

    static final Arbitrary<String> DOCUMENT = Combinators.combine(SPACE,
        Arbitraries.frequencyOf(Tuple.of(1, SCALAR),
            Tuple.of(4, CONTAINERS.get(MAX_GENERATED_DEPTH))), SPACE)
        .as((a, v, b) -> a + v + b);

    /**
     * {@code VALUES.get(depth)} behind {@link Arbitraries#lazy}: jqwik builds the generators of
     * an arbitrary's parts eagerly, which for this recursion takes time exponential in the depth.
     */
    private static Arbitrary<String> valueLazily(int depth) {
      return Arbitraries.lazy(() -> VALUES.get(depth));
    }

    private static Arbitrary<String> array(Arbitrary<String> value) {
      Arbitrary<String> element = Combinators.combine(SPACE, value, SPACE)
          .as((a, v, b) -> a + v + b);
      return Combinators.combine(SPACE, element.list().ofMaxSize(3))
          .as((s, es) -> "[" + (es.isEmpty() ? s : String.join(",", es)) + "]");
    }

    private static Arbitrary<String> object(Arbitrary<String> value) {
      Arbitrary<String> member = Combinators.combine(SPACE, NAME, SPACE, SPACE, value, SPACE)
          .as((a, n, b, c, v, d) -> a + n + b + ":" + c + v + d);
      return Combinators.combine(SPACE, member.list().ofMaxSize(3))
          .as((s, ms) -> "{" + (ms.isEmpty() ? s : String.join(",", ms)) + "}");
    }

    /** A value wrapped in 1 to {@code depth} single-member objects and single-element arrays. */
    private static Arbitrary<String> nest(int depth) {
      Arbitrary<String> wrapper = NAME.injectNull(0.5);
      List<Arbitrary<String>> byLevels = new ArrayList<>();
      for (int levels = 1; levels <= depth; levels++) {
        byLevels.add(Combinators.combine(wrapper.list().ofSize(levels), valueLazily(depth - levels))
            .as((names, inner) -> {
              String v = inner;
              for (String n : names) {
                v = n == null ? "[" + v + "]" : "{" + n + ":" + v + "}";
              }
              return v;
            }));
      }
      return Arbitraries.oneOf(byLevels);
    }

    private static Arbitrary<String> name() {
      Arbitrary<String> known = Combinators.combine(Arbitraries.of(KNOWN),
          Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(0)),
              Tuple.of(1, Arbitraries.integers().between(0, 511))))
          .as(JsonCursorDifferentialTest::jsonName);
      return Arbitraries.frequencyOf(Tuple.of(3, known), Tuple.of(2, string(false)));
    }
  }

  /** A string, with lone escaped surrogates or not (Jackson refuses them in names). */
  private static Arbitrary<String> string(boolean loneSurrogates) {
    return piece(loneSurrogates).list().ofMaxSize(8)
        .map(ps -> "\"" + String.join("", ps) + "\"");
  }

  /** One character of a string as written in JSON: raw (any plane) or escaped. */
  private static Arbitrary<String> piece(boolean loneSurrogates) {
    Arbitrary<String> ascii = Arbitraries.chars().range(' ', '~')
        .filter(c -> c != '"' && c != '\\').map(String::valueOf);
    Arbitrary<Integer> caseMask = Arbitraries.integers().between(0, 15);
    Arbitrary<String> escapedUnit = Combinators.combine(
        Arbitraries.integers().between(0, 0xFFFF)
            .filter(u -> loneSurrogates || u < 0xD800 || u > 0xDFFF), caseMask)
        .as((unit, mask) -> unicodeEscape((char) (int) unit, mask));
    Arbitrary<String> escapedPair = Combinators.combine(
        Arbitraries.integers().between(0x10000, 0x10FFFF), caseMask)
        .as((cp, mask) -> unicodeEscape(Character.highSurrogate(cp), mask)
            + unicodeEscape(Character.lowSurrogate(cp), ~mask));
    return Arbitraries.frequencyOf(
        Tuple.of(8, ascii),
        Tuple.of(1, Arbitraries.just("\u007f")),
        Tuple.of(4, codePoint().map(Character::toString)),
        Tuple.of(3, Arbitraries.of("\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t")),
        Tuple.of(3, escapedUnit),
        Tuple.of(2, escapedPair),
        Tuple.of(2, Arbitraries.of("\u2028", "\u2029", "\ufeff", "\ufffd", "\uffff", "\u0085",
            "\u00a0", "\u4e2d\u6587", "\ud83d\ude00",
            // The first and last code points of each UTF-8 length and lead byte range.
            "\u0080", "\u07ff", "\u0800", "\u0fff", "\u1000", "\ucfff", "\ud000", "\ud7ff",
            "\ue000", "\ud800\udc00", "\ud8bf\udfff", "\ud8c0\udc00", "\udbbf\udfff",
            "\udbc0\udc00", "\udbff\udfff")));
  }

  /** {@code \}{@code uXXXX} for {@code unit}, hex digit {@code i} in upper case if bit i is set. */
  private static String unicodeEscape(char unit, int caseMask) {
    char[] hex = String.format("%04x", (int) unit).toCharArray();
    for (int i = 0; i < 4; i++) {
      if ((caseMask & (1 << i)) != 0) {
        hex[i] = Character.toUpperCase(hex[i]);
      }
    }
    return "\\u" + new String(hex);
  }

  /** A code point beyond ASCII: 2, 3 and 4 UTF-8 bytes, from every plane, no surrogates. */
  private static Arbitrary<Integer> codePoint() {
    return Arbitraries.frequencyOf(
        Tuple.of(1, Arbitraries.integers().between(0x80, 0x7FF)),
        Tuple.of(1, Arbitraries.integers().between(0x800, 0xFFFF)
            .filter(cp -> cp < 0xD800 || cp > 0xDFFF)),
        Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10FFFF)));
  }

  private static Arbitrary<String> number() {
    Arbitrary<String> integer = Arbitraries.frequencyOf(
        Tuple.of(2, Arbitraries.just("0")),
        Tuple.of(6, digits(1, 1, 4)),
        Tuple.of(1, digits(1, 15, 30)));
    Arbitrary<String> fraction = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.just("")),
        Tuple.of(2, digits(0, 1, 6).map(d -> "." + d)),
        Tuple.of(1, digits(0, 10, 20).map(d -> "." + d)));
    Arbitrary<String> exponent = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.just("")),
        Tuple.of(2, Combinators.combine(Arbitraries.of("e", "E"), Arbitraries.of("", "+", "-"),
            digits(0, 1, 3)).as((e, sign, d) -> e + sign + d)));
    Arbitrary<String> shaped = Combinators.combine(Arbitraries.of("", "", "-"), integer, fraction,
        exponent).as((sign, i, f, e) -> sign + i + f + e);
    Arbitrary<String> edges = Arbitraries.of("-0", "-0.0", "0e0", "9223372036854775807",
        "9223372036854775808", "-9223372036854775808", "18446744073709551616",
        "18446744073709551617", "1e400", "-1e-400", "2.2250738585072011e-308", "4.9e-324",
        "1.7976931348623157e308", "0.1", "9007199254740993", "1E+0001");
    return Arbitraries.frequencyOf(Tuple.of(6, shaped), Tuple.of(1, edges));
  }

  /** Decimal digits, {@code min} to {@code max} of them, the first one at least {@code first}. */
  private static Arbitrary<String> digits(int first, int min, int max) {
    return Combinators.combine(Arbitraries.integers().between(first, 9),
        Arbitraries.strings().numeric().ofMinLength(min - 1).ofMaxLength(max - 1))
        .as((d, rest) -> d + rest);
  }

  // ---- mutations ------------------------------------------------------------------------------

  private enum Kind { INSERT, DELETE, REPLACE, TRUNCATE }

  /** One edit at a relative position {@code at} (0 to 1) of the input. */
  private record Mutation(Kind kind, double at, byte[] bytes) {

    byte[] apply(byte[] in) {
      int pos = (int) Math.min(in.length, at * (in.length + 1));
      return switch (kind) {
        case INSERT -> concat(slice(in, 0, pos), bytes, slice(in, pos, in.length));
        case TRUNCATE -> slice(in, 0, pos);
        case DELETE -> pos < in.length ? concat(slice(in, 0, pos), slice(in, pos + 1, in.length))
            : in;
        case REPLACE -> pos < in.length
            ? concat(slice(in, 0, pos), bytes, slice(in, pos + 1, in.length)) : in;
      };
    }

    private static byte[] slice(byte[] b, int from, int to) {
      return Arrays.copyOfRange(b, from, to);
    }
  }

  private static Arbitrary<Mutation> mutation() {
    Arbitrary<byte[]> tricky = Arbitraries.of(
        "{", "}", "[", "]", ":", ",", "\"", "\\", "0", "1", "9", "e", "E", ".", "+", "-", "t", "f",
        "n", "u", "l", "r", "s", "a", "x", "/", "*", "'", " ", "\t", "\n", "\r", "\f", "\0",
        "\u0001", "\u001f", "\u007f").map(JsonCursorTokens::latin1);
    Arbitrary<byte[]> anyAscii = Arbitraries.integers().between(0, 0x7F)
        .map(b -> new byte[] {(byte) (int) b});
    Arbitrary<byte[]> highByte = Arbitraries.integers().between(0x80, 0xFF)
        .map(b -> new byte[] {(byte) (int) b});
    Arbitrary<byte[]> character = Arbitraries.of("\u00e9", "\u00a0", "\u4e2d", "\u2028",
        "\ufeff", "\ud83d\ude00").map(s -> utf8(s));
    Arbitrary<byte[]> bytes = Arbitraries.frequencyOf(Tuple.of(8, tricky), Tuple.of(3, anyAscii),
        Tuple.of(1, highByte), Tuple.of(1, character));
    return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.doubles().between(0, 1),
        bytes).as(Mutation::new);
  }

  private static boolean isUtf8(byte[] b) {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }
}
