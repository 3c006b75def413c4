package org.ssechat.repl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jline.reader.EOFError;
import org.jline.reader.Parser.ParseContext;
import org.junit.jupiter.api.Test;

class ParsersTest {

  @Test
  void fenceOpensAContinuation() {
    ChatLineParser p = new ChatLineParser();
    assertThatThrownBy(() -> p.parse("\"\"\"\nfirst line", 0, ParseContext.ACCEPT_LINE))
        .isInstanceOf(EOFError.class);
    assertThat(p.parse("\"\"\"\nfirst\n\"\"\"", 0, ParseContext.ACCEPT_LINE).line()).isNotNull();
    assertThat(p.parse("don't \"stop", 0, ParseContext.ACCEPT_LINE).line()).isEqualTo("don't \"stop");
    assertThat(p.parse("ends with \\", 0, ParseContext.ACCEPT_LINE).line()).isEqualTo("ends with \\");
    assertThat(p.parse("/mo", 3, ParseContext.COMPLETE).words()).containsExactly("/mo");
  }

  @Test
  void unfence() {
    assertThat(ChatLineParser.unfence("\"\"\"\na\n\nb\n\"\"\"")).isEqualTo("a\n\nb");
    assertThat(ChatLineParser.unfence("\"\"\"inline\"\"\"")).isEqualTo("inline");
    assertThat(ChatLineParser.unfence("say \"\"\"hi\"\"\"")).isEqualTo("say \"\"\"hi\"\"\"");
  }

  @Test
  void slashRouting() {
    assertThat(SlashCommandParser.isCommand("/model")).isTrue();
    assertThat(SlashCommandParser.isCommand("//model")).isFalse();
    assertThat(SlashCommandParser.isCommand("/ spaced")).isFalse();
    assertThat(SlashCommandParser.isCommand("/")).isFalse();
    assertThat(SlashCommandParser.isCommand("exit")).isFalse();
    assertThat(SlashCommandParser.message("x").commandName()).isEqualTo("chat");
    assertThat(SlashCommandParser.message("x").arguments().get(0).value()).isEqualTo("x");
  }
}
