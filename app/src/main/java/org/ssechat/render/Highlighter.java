package org.ssechat.render;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jline.utils.AttributedStyle;

/**
 * Syntax highlighting for code blocks, one line at a time: a compact in-house lexer (keywords,
 * strings, comments, numbers) driven by a small table per language, with the state a block
 * comment or a multi-line string carries to the next line. Maven Central has no lightweight
 * syntect/chroma equivalent, and GNU nano's grammars are GPL (docs/rendering.md says more).
 *
 * <p>Languages: Java, Kotlin, Python, JavaScript/TypeScript, Go, Rust, C/C++, C#, shell, JSON,
 * YAML, SQL, HTML/XML, diff. The text is never changed, only styled. Never throws.
 *
 * <p>States ({@code int}, carried from line to line): {@link #START}; {@code IN_BLOCK_COMMENT};
 * {@code IN_TRIPLE_DOUBLE} and {@code IN_TRIPLE_SINGLE} (Python strings); {@code IN_BACKTICK}
 * (JavaScript template strings, Go raw strings).
 */
public final class Highlighter {

  /** The state at the start of a code block. */
  public static final int START = 0;
  private static final int IN_BLOCK_COMMENT = 1;
  private static final int IN_TRIPLE_DOUBLE = 2;
  private static final int IN_TRIPLE_SINGLE = 3;
  private static final int IN_BACKTICK = 4;

  static final AttributedStyle KEYWORD = AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);
  static final AttributedStyle STRING = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
  static final AttributedStyle COMMENT = AttributedStyle.DEFAULT.foreground(AttributedStyle.BRIGHT)
      .italic();
  static final AttributedStyle NUMBER = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
  static final AttributedStyle KEY = AttributedStyle.DEFAULT.foreground(AttributedStyle.BLUE);
  static final AttributedStyle ADDED = AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN);
  static final AttributedStyle REMOVED = AttributedStyle.DEFAULT.foreground(AttributedStyle.RED);
  static final AttributedStyle HUNK = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);

  private enum Kind { CODE, JSON, YAML, MARKUP, DIFF, PLAIN }

  /** One language: keywords and the lexical flags the shared scanner needs. */
  private record Lang(String label, Kind kind, Set<String> keywords, String lineComment,
      boolean blockComments, boolean tripleQuotes, boolean backtick,
      boolean singleQuoteStrings, boolean caseInsensitive) {}

  private static final Lang PLAIN = new Lang(null, Kind.PLAIN, Set.of(), null, false, false,
      false, false, false);

  private static final Set<String> C_LIKE = Set.of("if", "else", "for", "while", "do", "switch",
      "case", "default", "break", "continue", "return", "goto", "struct", "union", "enum",
      "typedef", "const", "static", "extern", "sizeof", "void", "int", "char", "long", "short",
      "float", "double", "unsigned", "signed", "bool", "true", "false", "NULL", "nullptr",
      "class", "public", "private", "protected", "virtual", "template", "typename", "namespace",
      "using", "new", "delete", "this", "auto", "inline", "include", "define", "try", "catch",
      "throw", "operator", "constexpr", "override", "volatile", "register");

  private static final Map<String, Lang> ALIASES = byAlias(
      lang("java", Kind.CODE, "//", true, false, false, false, false, "abstract assert "
          + "boolean break byte case catch char class const continue default do double else enum "
          + "extends final finally float for if implements import instanceof int interface long "
          + "native new package private protected public return short static super switch "
          + "synchronized this throw throws try void volatile while true false null var record "
          + "yield sealed permits", "java"),
      lang("kotlin", Kind.CODE, "//", true, true, false, false, false, "fun val var class "
          + "object interface if else when for while do return break continue try catch "
          + "finally throw import package true false null this super is in as data sealed "
          + "override open private public internal protected suspend", "kt", "kotlin", "kts"),
      lang("python", Kind.CODE, "#", false, true, false, true, false, "and as assert async "
          + "await break class continue def del elif else except finally for from global if "
          + "import in is lambda nonlocal not or pass raise return try while with yield None "
          + "True False self match case", "py", "python", "python3"),
      lang("javascript", Kind.CODE, "//", true, false, true, true, false, "break case catch "
          + "class const continue debugger default delete do else export extends finally for "
          + "function if import in instanceof let new return super switch this throw try typeof "
          + "var void while with yield async await of true false null undefined interface type "
          + "enum implements private public protected readonly as from", "js", "javascript",
          "jsx", "mjs", "ts", "typescript", "tsx"),
      lang("go", Kind.CODE, "//", true, false, true, true, false, "break case chan const "
          + "continue default defer else fallthrough for func go goto if import interface map "
          + "package range return select struct switch type var true false nil iota string int "
          + "error bool byte rune float64 int64 uint8 any", "go", "golang"),
      lang("rust", Kind.CODE, "//", true, false, false, false, false, "as async await break "
          + "const continue crate dyn else enum extern false fn for if impl in let loop match mod "
          + "move mut pub ref return self Self static struct super trait true type unsafe use "
          + "where while Some None Ok Err String Vec Option Result i32 i64 u8 u32 u64 usize f64 "
          + "bool str", "rs", "rust"),
      lang("c", Kind.CODE, "//", true, false, false, true, false, String.join(" ", C_LIKE),
          "c", "h", "cpp", "c++", "cc", "hpp", "cxx", "objc"),
      lang("csharp", Kind.CODE, "//", true, false, false, true, false, "abstract as base "
          + "bool break byte case catch char class const continue decimal default delegate do "
          + "double else enum event explicit extern false finally fixed float for foreach if "
          + "implicit in int interface internal is lock long namespace new null object operator "
          + "out override params private protected public readonly ref return sealed short "
          + "static string struct switch this throw true try typeof uint using var virtual void "
          + "while async await", "cs", "csharp", "c#"),
      lang("shell", Kind.CODE, "#", false, false, false, true, false, "if then else elif fi "
          + "for while until do done case esac in function return exit export local readonly "
          + "echo cd set unset source alias sudo", "sh", "bash", "shell", "zsh", "console",
          "shellsession", "fish", "ksh"),
      lang("sql", Kind.CODE, "--", true, false, false, true, true, "select from where and or "
          + "not insert into values update set delete create table drop alter add column index "
          + "primary key foreign references join left right inner outer full on as group by "
          + "order having limit offset distinct union all case when then else end null is in "
          + "like between exists count sum avg min max with view default", "sql", "mysql",
          "postgresql", "psql", "sqlite", "plsql"),
      lang("json", Kind.JSON, null, false, false, false, false, false, "true false null",
          "json", "jsonc", "json5"),
      lang("yaml", Kind.YAML, "#", false, false, false, true, false, "true false null yes "
          + "no on off", "yaml", "yml"),
      lang("html", Kind.MARKUP, null, false, false, false, true, false, "", "html", "xml",
          "htm", "svg", "xhtml", "vue"),
      lang("diff", Kind.DIFF, null, false, false, false, false, false, "", "diff", "patch"));

  /** One language, and the fence words that name it. */
  private static Map.Entry<Lang, String[]> lang(String label, Kind kind, String lineComment,
      boolean blockComments, boolean tripleQuotes, boolean backtick,
      boolean singleQuotes, boolean caseInsensitive, String keywords, String... aliases) {
    Lang l = new Lang(label, kind, Set.of(keywords.isEmpty() ? new String[0]
        : keywords.split(" ")), lineComment, blockComments, tripleQuotes,
        backtick, singleQuotes, caseInsensitive);
    return Map.entry(l, aliases);
  }

  @SafeVarargs
  private static Map<String, Lang> byAlias(Map.Entry<Lang, String[]>... langs) {
    Map<String, Lang> m = new java.util.HashMap<>();
    for (Map.Entry<Lang, String[]> e : langs) {
      for (String alias : e.getValue()) {
        m.put(alias, e.getKey());
      }
    }
    return Map.copyOf(m);
  }

  private final Lang lang;
  private final String label;

  private Highlighter(Lang lang, String label) {
    this.lang = lang;
    this.label = label;
  }

  /**
   * The highlighter for a fence info string ({@code java}, {@code py}, {@code ts title=x}, …);
   * an unknown or empty one highlights nothing.
   */
  public static Highlighter forLanguage(String info) {
    String word = info == null ? "" : info.strip().split("[\\s{,]", 2)[0]
        .toLowerCase(Locale.ROOT);
    Lang l = ALIASES.getOrDefault(word, PLAIN);
    return new Highlighter(l, word.isEmpty() ? null : word);
  }

  /** The language's label as written in the fence (e.g. {@code py}), or null for none. */
  public String label() {
    return label;
  }

  /** Whether this language is highlighted at all. */
  public boolean known() {
    return lang != PLAIN;
  }

  /**
   * Appends {@code line} (no line break) to {@code out} as spans, styled, and returns the state
   * for the next line.
   */
  public int highlight(String line, int state, List<Span> out) {
    try {
      return switch (lang.kind()) {
        case PLAIN -> plain(line, out, state);
        case DIFF -> diff(line, out);
        case MARKUP -> markup(line, state, out);
        default -> code(line, state, out);
      };
    } catch (RuntimeException e) {
      out.add(Span.plain(line)); // never lose the text to a lexer bug
      return START;
    }
  }

  private static int plain(String line, List<Span> out, int state) {
    out.add(Span.plain(line));
    return state;
  }

  private static int diff(String line, List<Span> out) {
    AttributedStyle s = line.startsWith("+++") || line.startsWith("---")
        ? AttributedStyle.BOLD : line.startsWith("+") ? ADDED : line.startsWith("-") ? REMOVED
        : line.startsWith("@@") ? HUNK : AttributedStyle.DEFAULT;
    out.add(Span.of(line, s));
    return START;
  }

  private static int markup(String line, int state, List<Span> out) {
    int i = 0;
    int n = line.length();
    Emit e = new Emit(line, out);
    while (i < n) {
      if (state == IN_BLOCK_COMMENT) {
        int end = line.indexOf("-->", i);
        int to = end < 0 ? n : end + 3;
        e.emit(i, to, COMMENT);
        i = to;
        state = end < 0 ? IN_BLOCK_COMMENT : START;
      } else if (line.startsWith("<!--", i)) {
        state = IN_BLOCK_COMMENT;
      } else if (line.charAt(i) == '<') {
        int j = i + 1;
        while (j < n && line.charAt(j) != '>' && line.charAt(j) != ' ') {
          j++;
        }
        e.emit(i, j, KEYWORD);
        i = j;
        while (i < n && line.charAt(i) != '>') {
          char c = line.charAt(i);
          if (c == '"' || c == '\'') {
            int end = line.indexOf(c, i + 1);
            int to = end < 0 ? n : end + 1;
            e.emit(i, to, STRING);
            i = to;
          } else {
            int j2 = i;
            while (j2 < n && line.charAt(j2) != '>' && line.charAt(j2) != '"'
                && line.charAt(j2) != '\'') {
              j2++;
            }
            e.emit(i, j2, KEY);
            i = j2;
          }
        }
        if (i < n) {
          e.emit(i, i + 1, KEYWORD);
          i++;
        }
      } else {
        int j = line.indexOf('<', i);
        int to = j < 0 ? n : j;
        e.emit(i, to, AttributedStyle.DEFAULT);
        i = to;
      }
    }
    e.flush();
    return state;
  }

  private int code(String line, int state, List<Span> out) {
    Emit e = new Emit(line, out);
    int n = line.length();
    int i = 0;
    if (lang.kind() == Kind.YAML) {
      int colon = yamlKeyEnd(line);
      if (colon > 0) {
        int key = 0;
        while (line.charAt(key) == ' ' || line.charAt(key) == '-') {
          key++;
        }
        e.emit(0, key, AttributedStyle.DEFAULT);
        e.emit(key, colon, KEY);
        i = colon;
      }
    }
    while (i < n) {
      switch (state) {
        case IN_BLOCK_COMMENT -> {
          int end = line.indexOf("*/", i);
          int to = end < 0 ? n : end + 2;
          e.emit(i, to, COMMENT);
          i = to;
          if (end >= 0) {
            state = START;
          }
          continue;
        }
        case IN_TRIPLE_DOUBLE, IN_TRIPLE_SINGLE -> {
          String q = state == IN_TRIPLE_DOUBLE ? "\"\"\"" : "'''";
          int end = line.indexOf(q, i);
          int to = end < 0 ? n : end + 3;
          e.emit(i, to, STRING);
          i = to;
          if (end >= 0) {
            state = START;
          }
          continue;
        }
        case IN_BACKTICK -> {
          int end = closing(line, i, '`');
          int to = end < 0 ? n : end + 1;
          e.emit(i, to, STRING);
          i = to;
          if (end >= 0) {
            state = START;
          }
          continue;
        }
        default -> { }
      }
      char c = line.charAt(i);
      if (lang.lineComment() != null && line.startsWith(lang.lineComment(), i)
          && (lang.kind() != Kind.YAML && !lang.lineComment().equals("#")
              || i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        e.emit(i, n, COMMENT);
        break;
      }
      if (lang.blockComments() && line.startsWith("/*", i)) {
        state = IN_BLOCK_COMMENT;
        continue;
      }
      if (lang.tripleQuotes() && (line.startsWith("\"\"\"", i) || line.startsWith("'''", i))) {
        String q = line.substring(i, i + 3);
        int end = line.indexOf(q, i + 3);
        if (end < 0) {
          e.emit(i, n, STRING);
          state = q.charAt(0) == '"' ? IN_TRIPLE_DOUBLE : IN_TRIPLE_SINGLE;
          break;
        }
        e.emit(i, end + 3, STRING);
        i = end + 3;
        continue;
      }
      if (lang.backtick() && c == '`') {
        int end = closing(line, i + 1, '`');
        if (end < 0) {
          e.emit(i, n, STRING);
          state = IN_BACKTICK;
          break;
        }
        e.emit(i, end + 1, STRING);
        i = end + 1;
        continue;
      }
      if (c == '"' || c == '\'' && lang.singleQuoteStrings()) {
        int end = closing(line, i + 1, c);
        int to = end < 0 ? n : end + 1;
        boolean key = lang.kind() == Kind.JSON && nextNonSpace(line, to) == ':';
        e.emit(i, to, key ? KEY : STRING);
        i = to;
        continue;
      }
      if (Character.isDigit(c) && (i == 0 || !Character.isLetterOrDigit(line.charAt(i - 1))
          && line.charAt(i - 1) != '_')) {
        int j = i + 1;
        while (j < n && (Character.isLetterOrDigit(line.charAt(j)) || line.charAt(j) == '.'
            || line.charAt(j) == '_')) {
          j++;
        }
        e.emit(i, j, NUMBER);
        i = j;
        continue;
      }
      if (Character.isLetter(c) || c == '_' || c == '@' || c == '#' && lang.label().equals("c")) {
        int j = i + 1;
        while (j < n && (Character.isLetterOrDigit(line.charAt(j)) || line.charAt(j) == '_')) {
          j++;
        }
        String word = line.substring(c == '@' || c == '#' ? i + 1 : i, j);
        boolean kw = lang.keywords().contains(lang.caseInsensitive()
            ? word.toLowerCase(Locale.ROOT) : word);
        e.emit(i, j, kw || c == '@' ? KEYWORD : AttributedStyle.DEFAULT);
        i = j;
        continue;
      }
      e.emit(i, i + 1, AttributedStyle.DEFAULT);
      i++;
    }
    e.flush();
    return state;
  }

  /** The index of the unescaped {@code quote} closing a string from {@code from}, or -1. */
  private static int closing(String line, int from, char quote) {
    for (int i = from; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == quote) {
        return i;
      }
    }
    return -1;
  }

  private static char nextNonSpace(String line, int from) {
    for (int i = from; i < line.length(); i++) {
      if (!Character.isWhitespace(line.charAt(i))) {
        return line.charAt(i);
      }
    }
    return 0;
  }

  /** YAML: the end of {@code key:} at the start of the line (after indent and {@code - }). */
  private static int yamlKeyEnd(String line) {
    int i = 0;
    while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '-')) {
      i++;
    }
    int colon = line.indexOf(':', i);
    if (colon <= i || line.charAt(i) == '#' || line.charAt(i) == '"' || line.charAt(i) == '\'') {
      return -1;
    }
    for (int k = i; k < colon; k++) {
      if (line.charAt(k) == ' ' && k + 1 < colon) {
        return -1;
      }
    }
    return colon + 1 == line.length() || line.charAt(colon + 1) == ' ' ? colon : -1;
  }

  /** Collects styled runs of one line, merging neighbours of the same style. */
  private static final class Emit {
    private final String line;
    private final List<Span> out;
    private int runStart = -1;
    private int runEnd;
    private AttributedStyle runStyle;

    Emit(String line, List<Span> out) {
      this.line = line;
      this.out = out;
    }

    void emit(int from, int to, AttributedStyle style) {
      if (to <= from) {
        return;
      }
      if (runStart >= 0 && style.equals(runStyle) && from == runEnd) {
        runEnd = to;
        return;
      }
      flush();
      runStart = from;
      runEnd = to;
      runStyle = style;
    }

    void flush() {
      if (runStart >= 0) {
        out.add(Span.of(line.substring(runStart, runEnd), runStyle));
        runStart = -1;
      }
    }
  }
}
