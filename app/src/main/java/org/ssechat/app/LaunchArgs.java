package org.ssechat.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The command line split in two: launch flags (before the command word), turned into Spring
 * properties, and the one-shot command with its own arguments (empty: start the REPL).
 *
 * <p>Launch flags: {@code --raw}, {@code --provider P}, {@code --model M}, {@code --base-url U} (also
 * {@code --flag=value}), and any {@code --ssechat.*}, {@code --spring.*} or {@code --logging.*}
 * property except the API key (flags show up in {@code ps}). Everything from the first word not
 * starting with {@code -} on is the command.
 *
 * @param properties Spring command-line property arguments ({@code --key=value})
 * @param command    the one-shot command and its arguments, or empty for the REPL
 * @param help       whether {@code --help}/{@code -h} was given before any command
 */
public record LaunchArgs(List<String> properties, List<String> command, boolean help) {
  private static final Map<String, String> FLAGS = Map.of(
      "--provider", "ssechat.provider",
      "--model", "ssechat.model",
      "--base-url", "ssechat.base-url",
      "--api", "ssechat.api",
      "--render", "ssechat.render");

  public LaunchArgs {
    properties = List.copyOf(properties);
    command = List.copyOf(command);
  }

  public boolean interactive() {
    return command.isEmpty() && !help;
  }

  /** Splits {@code args}; throws {@link IllegalArgumentException} for an unknown or incomplete flag. */
  public static LaunchArgs parse(String[] args) {
    List<String> props = new ArrayList<>();
    boolean help = false;
    int i = 0;
    for (; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("-")) {
        break;
      }
      if (a.equals("--help") || a.equals("-h")) {
        help = true;
        continue;
      }
      if (a.equals("--raw")) {
        props.add("--ssechat.raw=true");
        continue;
      }
      int eq = a.indexOf('=');
      String name = eq < 0 ? a : a.substring(0, eq);
      if (FLAGS.containsKey(name)) {
        String value;
        if (eq >= 0) {
          value = a.substring(eq + 1);
        } else if (i + 1 < args.length) {
          value = args[++i];
        } else {
          throw new IllegalArgumentException(name + " needs a value");
        }
        props.add("--" + FLAGS.get(name) + "=" + value);
      } else if (isApiKey(name)) {
        throw new IllegalArgumentException("the API key is not accepted as a flag (flags show up "
            + "in ps): set SSECHAT_API_KEY or OPENAI_API_KEY");
      } else if (eq > 2 && (a.startsWith("--ssechat.") || a.startsWith("--spring.") || a.startsWith("--logging."))) {
        props.add(a);
      } else {
        throw new IllegalArgumentException("unknown option " + a + " (see ssechat --help)");
      }
    }
    List<String> command = new ArrayList<>();
    for (; i < args.length; i++) {
      command.add(args[i]);
    }
    return new LaunchArgs(props, command, help);
  }

  /** {@code --ssechat.api-key} in any spelling Spring's relaxed binding accepts. */
  private static boolean isApiKey(String flag) {
    return flag.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "")
        .equals("ssechat.apikey");
  }

  /** Usage text for {@code ssechat --help}. */
  public static String usage() {
    return """
        usage: ssechat [--provider P] [--model M] [--base-url URL] [--api A] [--render R] [--raw]
               [COMMAND [ARGS…]]

          no command         start the interactive chat (type /help inside)
          --api A            chat (Chat Completions), messages (Anthropic) or responses
                             (OpenAI Responses); default: the preset's
          --render R         markdown, plain or auto (the default: Markdown on a terminal,
                             plain to a pipe)
          --raw              show the model's text unsanitized (control characters and
                             escape sequences included); see docs/security.md
          chat [--model M] [--system S] [MESSAGE…]
                             ask once and print the answer; reads the message from
                             standard input when none is given
          help | config | models | sessions …
                             any REPL command runs once, e.g. "ssechat models"

        Settings come from flags, SSECHAT_* / OPENAI_API_KEY / OPENAI_BASE_URL environment
        variables and ~/.config/ssechat/config.yml. Exit codes: 0 ok, 1 request failed,
        2 usage error, 3 answer truncated, 130 interrupted. See docs/usage.md.""";
  }
}
