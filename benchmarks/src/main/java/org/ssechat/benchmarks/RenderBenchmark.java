package org.ssechat.benchmarks;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jline.utils.AttributedStyle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.ssechat.render.DisplayWidth;
import org.ssechat.render.MarkdownStream;

/**
 * The streaming Markdown renderer on long answers: one op renders a whole answer, fed as the
 * model sends it (deltas of 1 to 6 characters), into a terminal of 100 columns with styles and
 * the live line. Answers of 25, 100 and 400 KB show whether the cost per delta grows with the
 * answer's length (it must not). {@code -prof gc} gives the allocation per op.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RenderBenchmark {

  @Param({"en", "zh", "code"})
  public String text;

  @Param({"25", "100", "400"})
  public int kb;

  private List<String> deltas;
  private final PrintWriter out = new PrintWriter(Writer.nullWriter());
  private final MarkdownStream.Look look = new MarkdownStream.Look(() -> 100, () -> 40,
      DisplayWidth.NARROW, true);

  @Setup
  public void setup() {
    deltas = deltas(answer(text, kb * 1024), 20260626L);
  }

  /** A Markdown answer of at least {@code bytes} UTF-8 bytes, made of one kind of block mix. */
  public static String answer(String kind, int bytes) {
    String block = switch (kind) {
      case "zh" -> """
          ## 第一部分

          鲁迅是周树人的笔名，他的兄弟是周作人和周建人。**这是一个常见的误会**：两个名字指的是同\
          一个人，所以不是兄弟。他一九一八年发表《狂人日记》时第一次使用这个笔名，后来成了他最广\
          为人知的名字。

          - 周树人是他的本名（原名周樟寿，字豫才），一八八一年生于浙江绍兴。
          - 鲁迅是他的笔名，用 `鲁迅` 发表了许多作品。

          """;
      case "code" -> """
          Here is the function:

          ```java
          public static String reverse(String s) {
            // keeps surrogate pairs together
            return new StringBuilder(s).reverse().toString();
          }
          ```

          ```python
          def reverse(s: str) -> str:
              \"\"\"Reverse by code points.\"\"\"
              return s[::-1]  # slices
          ```

          """;
      default -> """
          ### Why the sky is blue

          Sunlight is scattered by the molecules of the air, and *short* wavelengths are \
          scattered **much more** than long ones (Rayleigh scattering, proportional to the \
          inverse fourth power of the wavelength), so blue light comes from every part of the \
          sky. See [Rayleigh scattering](https://en.wikipedia.org/wiki/Rayleigh_scattering).

          1. Violet is scattered even more, but the sun sends less of it.
          2. Our eyes are more sensitive to blue.

          | colour | wavelength |
          |---|---:|
          | blue | 450 nm |
          | red | 700 nm |

          """;
    };
    StringBuilder sb = new StringBuilder();
    while (sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length < bytes) {
      sb.append(block);
    }
    return sb.toString();
  }

  /** {@code s} cut into deltas of 1 to 6 characters, never inside a surrogate pair. */
  public static List<String> deltas(String s, long seed) {
    Random rnd = new Random(seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < s.length(); ) {
      int end = Math.min(s.length(), i + 1 + rnd.nextInt(6));
      if (end < s.length() && Character.isHighSurrogate(s.charAt(end - 1))) {
        end++;
      }
      out.add(s.substring(i, end));
      i = end;
    }
    return out;
  }

  /** The number of deltas of the current answer (for per-delta figures). */
  public int deltaCount() {
    return deltas.size();
  }

  @Benchmark
  public int render() {
    MarkdownStream m = new MarkdownStream(out, true, look, AttributedStyle.DEFAULT);
    for (int i = 0; i < deltas.size(); i++) {
      m.append(deltas.get(i));
    }
    m.finish();
    return deltas.size();
  }
}
