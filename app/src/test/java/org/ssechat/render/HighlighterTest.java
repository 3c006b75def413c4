package org.ssechat.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

/** The code-block lexer per language: styled spans, state across lines, text never changed. */
class HighlighterTest {
  private static final Map<AttributedStyle, String> NAMES = Map.of(
      Highlighter.KEYWORD, "kw", Highlighter.STRING, "str", Highlighter.COMMENT, "com",
      Highlighter.NUMBER, "num", Highlighter.KEY, "key");
  /** Diffs use the same colours with other meanings. */
  private static final Map<AttributedStyle, String> DIFF = Map.of(Highlighter.ADDED, "add",
      Highlighter.REMOVED, "del", Highlighter.HUNK, "hunk", AttributedStyle.BOLD, "b");

  /** {@code lines} highlighted in order, as {@code [kw]x[/]} markup, one line per line. */
  static String marked(String lang, String... lines) {
    Highlighter h = Highlighter.forLanguage(lang);
    int state = Highlighter.START;
    StringBuilder sb = new StringBuilder();
    for (String line : lines) {
      List<Span> spans = new ArrayList<>();
      state = h.highlight(line, state, spans);
      StringBuilder text = new StringBuilder();
      for (Span s : spans) {
        text.append(s.text());
        String name = (lang.equals("diff") ? DIFF : NAMES).get(s.style());
        sb.append(name == null ? s.text() : "[" + name + "]" + s.text() + "[/]");
      }
      assertThat(text).hasToString(line);
      sb.append('\n');
    }
    return sb.toString();
  }

  @Test
  void java() {
    assertThat(marked("java", "public class A { // hi", "  int n = 42; String s = \"a\\\"b\";",
        "  /* start", "     end */ @Override void f() {}")).isEqualTo("""
        [kw]public[/] [kw]class[/] A { [com]// hi[/]
          [kw]int[/] n = [num]42[/]; String s = [str]"a\\"b"[/];
          [com]/* start[/]
        [com]     end */[/] [kw]@Override[/] [kw]void[/] f() {}
        """);
  }

  @Test
  void pythonTripleQuotesCarryAcrossLines() {
    assertThat(marked("py", "def f(x):  # doc", "    s = \"\"\"one", "two\"\"\" + 'q'",
        "    return None")).isEqualTo("""
        [kw]def[/] f(x):  [com]# doc[/]
            s = [str]\"\"\"one[/]
        [str]two\"\"\"[/] + [str]'q'[/]
            [kw]return[/] [kw]None[/]
        """);
  }

  @Test
  void javascriptTypescriptGoRustCAndShell() {
    assertThat(marked("ts", "const s = `a ${b}`; let n = 0x1F;")).isEqualTo(
        "[kw]const[/] s = [str]`a ${b}`[/]; [kw]let[/] n = [num]0x1F[/];\n");
    assertThat(marked("go", "func main() { fmt.Println(\"hi\") }")).isEqualTo(
        "[kw]func[/] main() { fmt.Println([str]\"hi\"[/]) }\n");
    assertThat(marked("rust", "fn main() { let mut v: Vec<u8> = Vec::new(); }")).isEqualTo(
        "[kw]fn[/] main() { [kw]let[/] [kw]mut[/] v: [kw]Vec[/]<[kw]u8[/]> = [kw]Vec[/]::new(); }\n");
    assertThat(marked("cpp", "#include <stdio.h>", "int main() { return 0; }")).isEqualTo("""
        [kw]#include[/] <stdio.h>
        [kw]int[/] main() { [kw]return[/] [num]0[/]; }
        """);
    assertThat(marked("bash", "echo \"$HOME\" # where", "x=1#not-a-comment")).isEqualTo("""
        [kw]echo[/] [str]"$HOME"[/] [com]# where[/]
        x=[num]1[/]#not-a-comment
        """);
  }

  @Test
  void dataAndMarkupLanguages() {
    assertThat(marked("json", "{\"name\": \"x\", \"n\": 1, \"ok\": true}")).isEqualTo(
        "{[key]\"name\"[/]: [str]\"x\"[/], [key]\"n\"[/]: [num]1[/], [key]\"ok\"[/]: [kw]true[/]}\n");
    assertThat(marked("yaml", "name: ssechat  # app", "- port: 8080")).isEqualTo("""
        [key]name[/]: ssechat  [com]# app[/]
        - [key]port[/]: [num]8080[/]
        """);
    assertThat(marked("sql", "SELECT id FROM t WHERE n = 'a' -- all")).isEqualTo(
        "[kw]SELECT[/] id [kw]FROM[/] t [kw]WHERE[/] n = [str]'a'[/] [com]-- all[/]\n");
    assertThat(marked("html", "<a href=\"x\">hi</a> <!-- c -->")).isEqualTo(
        "[kw]<a[/][key] href=[/][str]\"x\"[/][kw]>[/]hi[kw]</a>[/] [com]<!-- c -->[/]\n");
    assertThat(marked("diff", "@@ -1 +1 @@", "-old", "+new", " same")).isEqualTo("""
        [hunk]@@ -1 +1 @@[/]
        [del]-old[/]
        [add]+new[/]
         same
        """);
  }

  @Test
  void unknownLanguagesAreLeftPlainAndLabelsComeFromTheFence() {
    assertThat(marked("brainfuck", "+++[>+<-]")).isEqualTo("+++[>+<-]\n");
    assertThat(Highlighter.forLanguage("python title=x.py").known()).isTrue();
    assertThat(Highlighter.forLanguage("python title=x.py").label()).isEqualTo("python");
    assertThat(Highlighter.forLanguage("").label()).isNull();
  }

  /** Random text in every language: the text comes back unchanged, and nothing throws. */
  @Test
  void anyTextInAnyLanguageIsKept() {
    String alphabet = "ab1 \"'`#/*-<>!{}\\\n\t@:中🙂";
    Random rnd = new Random(Long.getLong("ssechat.seed", 7L));
    for (String lang : List.of("java", "py", "ts", "go", "rust", "c", "sh", "json", "yaml", "sql",
        "html", "diff", "kotlin", "cs", "none")) {
      for (int k = 0; k < 200; k++) {
        StringBuilder sb = new StringBuilder();
        for (int i = rnd.nextInt(40); i > 0; i--) {
          sb.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
              rnd.nextInt(alphabet.codePointCount(0, alphabet.length())))));
        }
        marked(lang, sb.toString().split("\n", -1));
      }
    }
  }
}
