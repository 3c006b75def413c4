package org.ssechat.benchmarks;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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
import org.ssechat.text.TerminalText;

/**
 * The cost of {@link TerminalText} on the streaming path, one answer per op: about 16 K chars
 * in deltas of 1 to 30 chars (the sizes models send), borrowed from one {@code char[]} as the
 * chat decoder hands them out, sanitized into a reused sink. {@code copy} appends the same deltas
 * unchanged, the bound: the cost of sanitizing is {@code sanitize / copy}.
 *
 * <p>{@code text}: English prose, Chinese, code (indentation, tabs, newlines, symbols), and a
 * hostile stream (English with an escape sequence, C1 control, CR or bidi override about every
 * 100 chars). {@code java -cp benchmarks.jar org.ssechat.benchmarks.SanitizerBenchmark} prints
 * each text's size, for MB/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SanitizerBenchmark {

  private static final int TARGET_CHARS = 16 * 1024;
  private static final String[] EN = (" The| capital| of| France| is| Paris|.| It| has| been| a|"
      + " center| for| art|,| science| and| trade| since| the| Middle| Ages|.\n\n| Its| population|"
      + " is| about| 2|.1| million| people|;| the| metro| area| holds| over| 12| million|."
      + "| \"City| of| Light\"|:| museums|,| cafés| and| boulevards| line| the| Seine|.").split("\\|");
  private static final String ZH =
      "巴黎是法国的首都也是最大的城市位于塞纳河畔以其艺术时尚美食和文化闻名于世界各地每年吸引"
          + "数以千万计的游客前来参观埃菲尔铁塔卢浮宫和凯旋门等著名景点人口约为两百万";
  private static final String[] CODE = ("```java\n|public| static| int| indexOf|(char|[] a|,"
      + " int| off|, int| len|) {\n|    for| (int| i| =| off|; i| <| off| +| len|; i|++) {\n|"
      + "      if| (a|[i]| ==| '\\n'|) {\n|        return| i|;\n|      }\n|    }\n|    return|"
      + " -|1|;\n|}\n|```\n|\tdef| f|(x|):\n|\t\treturn| x| **| 2|  # square\n| {\"a\": [1, 2]}|")
      .split("\\|");
  private static final String[] HOSTILE = {"\u001b]0;pwned\u0007", "\u001b[2J\u001b[H", "\r\n",
      "\u009b31m", "\u202e", "\u001b]52;c;ZXZpbA==\u0007", "\u0000", "\u007f", "\b\b\b"};

  @Param({"en", "zh", "code", "hostile"})
  public String text;

  private char[] chars;
  private int[] offsets; // delta i is chars[offsets[i], offsets[i + 1])
  private StringBuilder sink;
  private final DiscardingWriter writer = new DiscardingWriter();

  /** Counts chars, keeps none. */
  static final class DiscardingWriter extends Writer {
    long chars;

    @Override
    public void write(int c) {
      chars++;
    }

    @Override
    public void write(char[] cbuf, int off, int len) {
      chars += len;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @Setup
  public void setup() {
    List<String> deltas = deltas(text);
    chars = String.join("", deltas).toCharArray();
    offsets = new int[deltas.size() + 1];
    for (int i = 0; i < deltas.size(); i++) {
      offsets[i + 1] = offsets[i] + deltas.get(i).length();
    }
    sink = new StringBuilder(chars.length);
  }

  /** Deterministic deltas of 1 to 30 chars, about {@value #TARGET_CHARS} chars in all. */
  static List<String> deltas(String kind) {
    Random rnd = new Random(11);
    List<String> out = new ArrayList<>();
    int total = 0;
    int sinceHostile = 0;
    while (total < TARGET_CHARS) {
      StringBuilder d = new StringBuilder();
      int tokens = 1 + rnd.nextInt(3);
      for (int t = 0; t < tokens; t++) {
        String piece;
        switch (kind) {
          case "zh": {
            int n = 1 + rnd.nextInt(3);
            int at = rnd.nextInt(ZH.length() - n);
            piece = ZH.substring(at, at + n) + (rnd.nextInt(8) == 0 ? "，" : "");
            break;
          }
          case "code":
            piece = CODE[rnd.nextInt(CODE.length)];
            break;
          case "en":
          case "hostile":
            piece = EN[rnd.nextInt(EN.length)];
            break;
          default:
            throw new IllegalArgumentException("unknown text " + kind);
        }
        if (d.length() + piece.length() > 30 && d.length() > 0) {
          break;
        }
        d.append(piece);
      }
      sinceHostile += d.length();
      if (kind.equals("hostile") && sinceHostile >= 90 + rnd.nextInt(20)) {
        d.append(HOSTILE[rnd.nextInt(HOSTILE.length)]);
        sinceHostile = 0;
      }
      out.add(d.toString());
      total += d.length();
    }
    return out;
  }

  /** The bound: the same deltas appended unchanged. */
  @Benchmark
  public int copy() {
    StringBuilder sb = sink;
    sb.setLength(0);
    int[] o = offsets;
    for (int i = 0; i + 1 < o.length; i++) {
      sb.append(chars, o[i], o[i + 1] - o[i]);
    }
    return sb.length();
  }

  /** The scan alone: how many deltas are clean. */
  @Benchmark
  public int scan() {
    int clean = 0;
    int[] o = offsets;
    for (int i = 0; i + 1 < o.length; i++) {
      if (TerminalText.indexOfUnsafe(chars, o[i], o[i + 1] - o[i]) < 0) {
        clean++;
      }
    }
    return clean;
  }

  /** Sanitized into a reused StringBuilder. */
  @Benchmark
  public int sanitize() {
    StringBuilder sb = sink;
    sb.setLength(0);
    int[] o = offsets;
    for (int i = 0; i + 1 < o.length; i++) {
      TerminalText.sanitize(chars, o[i], o[i + 1] - o[i], sb);
    }
    return sb.length();
  }

  /** Sanitized into a Writer that discards. */
  @Benchmark
  public long sanitizeWriter() throws Exception {
    DiscardingWriter w = writer;
    w.chars = 0;
    int[] o = offsets;
    for (int i = 0; i + 1 < o.length; i++) {
      TerminalText.sanitize(chars, o[i], o[i + 1] - o[i], w);
    }
    return w.chars;
  }

  /** Prints each text's size: chars, UTF-8 bytes, deltas, and how many chars change. */
  public static void main(String[] args) {
    for (String kind : new String[] {"en", "zh", "code", "hostile"}) {
      List<String> d = deltas(kind);
      String all = String.join("", d);
      long unsafe = all.chars().filter(c -> TerminalText.isUnsafe((char) c)).count();
      System.out.printf("%-8s %,7d chars %,7d UTF-8 bytes %,5d deltas (mean %.1f chars) "
              + "%,5d chars changed%n", kind, all.length(),
          all.getBytes(StandardCharsets.UTF_8).length, d.size(), all.length() / (double) d.size(),
          unsafe);
    }
  }
}
