package org.ssechat.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickBenchTest {

  @TempDir
  Path dir;

  private Path stream(String name, String text, int events) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < events; i++) {
      sb.append("data: {\"choices\":[{\"delta\":{\"content\":\"").append(text).append(i)
          .append("\"}}]}\n\n");
    }
    sb.append("data: [DONE]\n\n");
    Path f = dir.resolve(name);
    Files.writeString(f, sb, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void timesEachParserOnEachFileAndSaysItIsNotJmh() throws Exception {
    Path en = stream("en.sse", "hello ", 200);
    StringWriter text = new StringWriter();

    List<QuickBench.Result> results =
        QuickBench.run(List.of(en), List.of("zero-copy", "naive"), 4096, new PrintWriter(text));

    assertThat(results).hasSize(2).allSatisfy(r -> {
      assertThat(r.events()).isEqualTo(201);
      assertThat(r.bytes()).isEqualTo(Files.size(en));
      assertThat(r.mbPerSec()).isPositive();
      assertThat(r.eventsPerSec()).isPositive();
      assertThat(r.wrongEvents()).isZero();
    });
    assertThat(text.toString())
        .contains("en.sse", "zero-copy", "naive", "same events", "read size: 4096 bytes")
        .contains("quick in-process timing, not JMH — see docs/benchmarks.md");
  }

  @Test
  void reportsAParserThatCutsMultiByteCharactersAtSmallReads() throws Exception {
    Path zh = stream("zh.sse", "巴黎是法国的首都", 100);
    StringWriter text = new StringWriter();

    List<QuickBench.Result> results =
        QuickBench.run(List.of(zh), List.of("zero-copy", "naive"), 16, new PrintWriter(text));

    assertThat(results.get(0).wrongEvents()).isZero();
    assertThat(results.get(1).parser()).isEqualTo("naive");
    assertThat(results.get(1).wrongEvents()).isPositive();
    assertThat(text.toString()).contains("DIFFERS");
  }

  @Test
  void unknownParserFailsBeforeAnyTimingWithTheKnownNames() throws Exception {
    Path en = stream("en.sse", "x", 3);

    assertThatThrownBy(() -> QuickBench.run(List.of(en), List.of("nope"), 0,
        new PrintWriter(new StringWriter())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope").hasMessageContaining("zero-copy");
  }
}
