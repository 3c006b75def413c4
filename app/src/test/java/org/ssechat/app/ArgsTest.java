package org.ssechat.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.shell.core.command.CommandArgument;
import org.springframework.shell.core.command.CommandOption;
import org.springframework.shell.core.command.ExitStatus;
import org.springframework.shell.core.command.ParsedInput;
import org.ssechat.cli.Args;
import org.ssechat.cli.Argv;
import org.ssechat.cli.SimpleCommand;

/** The command line: launch flags vs the one-shot command, and argv parsing for commands. */
class ArgsTest {

  @Test
  void launchFlagsComeBeforeTheCommand() {
    LaunchArgs a = LaunchArgs.parse(new String[] {"--provider", "deepseek", "--model=x",
        "--ssechat.record=true", "chat", "--model", "y", "hi there"});
    assertThat(a.properties()).containsExactly("--ssechat.provider=deepseek", "--ssechat.model=x",
        "--ssechat.record=true");
    assertThat(a.command()).containsExactly("chat", "--model", "y", "hi there");
    assertThat(a.interactive()).isFalse();
    assertThat(LaunchArgs.parse(new String[] {"--base-url", "http://h/v1"}).interactive()).isTrue();
    assertThat(LaunchArgs.parse(new String[] {"-h"}).help()).isTrue();
    assertThatThrownBy(() -> LaunchArgs.parse(new String[] {"--api-key", "sk-x"}))
        .hasMessageContaining("unknown option --api-key");
    assertThatThrownBy(() -> LaunchArgs.parse(new String[] {"--model"})).hasMessageContaining("needs a value");
    for (String keyFlag : List.of("--ssechat.api-key=sk-x", "--ssechat.apiKey", "--SSECHAT.API_KEY=sk-x")) {
      assertThatThrownBy(() -> LaunchArgs.parse(new String[] {keyFlag, "sk-x"}))
          .hasMessageContaining("not accepted as a flag").hasMessageNotContaining("sk-x");
    }
  }

  @Test
  void argvKeepsTheShellsQuoting() {
    SimpleCommand cmd = new SimpleCommand("t", "G", "t", "test", ctx -> ExitStatus.OK,
        Args.valued("model", 'm', "m"),
        CommandOption.with().longName("fast").shortName('f').type(boolean.class).build());
    ParsedInput p = Argv.parse("t", cmd.getOptions(), List.of("-m", "a b", "--fast", "say \"hi\" -now", "--", "--literal"));
    assertThat(p.commandName()).isEqualTo("t");
    assertThat(p.options()).extracting(CommandOption::shortName, CommandOption::longName, CommandOption::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple('m', "", "a b"),
            org.assertj.core.groups.Tuple.tuple(' ', "fast", "true"));
    assertThat(p.arguments()).extracting(CommandArgument::value).containsExactly("say \"hi\" -now", "--literal");
    assertThatThrownBy(() -> Argv.parse("t", cmd.getOptions(), List.of("--nope"))).hasMessageContaining("unknown option --nope");
    assertThatThrownBy(() -> Argv.parse("t", cmd.getOptions(), List.of("--model"))).hasMessageContaining("needs a value");
  }
}
