package org.ssechat.app;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.terminal.Terminal;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.shell.core.autoconfigure.SpringShellProperties;
import org.springframework.shell.core.autoconfigure.TerminalCustomizer;
import org.springframework.shell.core.command.Command;
import org.springframework.shell.core.command.CommandParser;
import org.springframework.shell.core.command.CommandRegistry;
import org.springframework.shell.core.config.UserConfigPathProvider;
import org.springframework.shell.jline.CommandCompleter;
import org.ssechat.config.Settings;
import org.ssechat.config.SettingsHolder;
import org.ssechat.config.SsechatProperties;
import org.ssechat.render.Rendering;
import org.ssechat.failure.Failures;
import org.ssechat.files.PrivateFiles;
import org.ssechat.repl.ChatRepl;
import org.ssechat.repl.Conversation;
import org.ssechat.repl.Interrupts;
import org.ssechat.repl.KeySafeHistory;
import org.ssechat.repl.ReplCommands;
import org.ssechat.repl.ReplReaders;
import org.ssechat.repl.SlashCommandParser;
import org.ssechat.repl.SlashCompleter;

/**
 * The beans of the REPL and one-shot mode. Spring Shell's auto-configuration supplies the
 * terminal and the command executor; this replaces its registry (no classpath scan), parser
 * (slash commands, plain lines to {@code chat}), completer, history (never stores the key) and
 * runners (Ctrl-C-safe REPL; one-shot with real exit codes).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SsechatProperties.class)
public class SsechatConfiguration {
  static final String INTERACTIVE = "spring.shell.interactive.enabled";

  @Bean
  SettingsHolder settingsHolder(SsechatProperties properties) {
    Settings settings = Settings.resolve(properties, System.getenv());
    warnIfOthersCanRead(settings.configDir().resolve("config.yml"), stderr());
    return new SettingsHolder(settings);
  }

  @Bean
  Backends backends() {
    return Backends::standard;
  }

  /**
   * How this run talks to the user, decided once: REPL or one-shot, whether ANSI styles are
   * allowed (not on a dumb terminal; in one-shot mode only with a console), and where Ctrl-C
   * comes from (the JLine terminal in the REPL, the process signal in one-shot mode).
   */
  record Console(boolean interactive, boolean ansi, Interrupts interrupts) {}

  @Bean
  Console console(Environment env, ObjectProvider<Terminal> terminal) {
    if (!env.getProperty(INTERACTIVE, Boolean.class, true)) {
      return new Console(false, System.console() != null, Interrupts.process());
    }
    Terminal t = terminal.getObject();
    return new Console(true, !t.getType().startsWith("dumb"), Interrupts.of(t));
  }

  @Bean
  Conversation conversation(SettingsHolder settings, Backends backends, Console console,
      Rendering rendering) {
    Conversation c = new Conversation(settings, backends::create, console.interrupts(),
        console.interactive());
    c.rendering(rendering);
    return c;
  }

  /**
   * Markdown or plain answers ({@code ssechat.render}, {@code --render}, {@code /render}); the
   * terminal's size is read again for every block, so a resize applies from the next one.
   */
  @Bean
  Rendering rendering(SsechatProperties properties, Console console,
      ObjectProvider<Terminal> terminal) {
    Rendering.Mode mode;
    try {
      mode = Rendering.Mode.parse(properties.getRender());
    } catch (IllegalArgumentException e) {
      stderr().println("warning: " + e.getMessage() + "; using auto");
      mode = Rendering.Mode.AUTO;
    }
    java.util.function.IntSupplier width = () -> 0;
    java.util.function.IntSupplier height = () -> 0;
    if (console.interactive()) {
      Terminal t = terminal.getObject();
      width = t::getWidth;
      height = t::getHeight;
    }
    return new Rendering(mode, console.ansi(), Rendering.look(width, height,
        properties.getAmbiguousWidth(), console.ansi(), System.getenv()));
  }

  @Bean
  ReplCommands replCommands(Conversation conversation, Console console) {
    return new ReplCommands(conversation, console.interactive(), console.ansi(), stderr());
  }

  /** {@code replay}, {@code serve} and {@code bench} as commands. */
  @Bean
  ToolCommands toolCommands(Console console, Rendering rendering) {
    return new ToolCommands(console.interactive(), console.ansi(), console.interrupts(), stderr(),
        rendering);
  }

  /** The REPL's own commands, the tools, and every other {@link Command} bean. */
  @Bean
  @Lazy(false)
  CommandRegistry commandRegistry(ApplicationContext context, ReplCommands commands,
      ToolCommands tools) {
    CommandRegistry registry = new CommandRegistry();
    commands.all().forEach(registry::registerCommand);
    tools.all().forEach(registry::registerCommand);
    context.getBeansOfType(Command.class).values().forEach(registry::registerCommand);
    return registry;
  }

  @Bean
  CommandParser commandParser(CommandRegistry registry) {
    return new SlashCommandParser(registry);
  }

  @Bean
  CommandCompleter commandCompleter(CommandRegistry registry) {
    return new SlashCompleter(registry);
  }

  @Bean
  History history(SettingsHolder settings) {
    return new KeySafeHistory(line -> settings.get().containsKey(line));
  }

  /**
   * The runner: the REPL, or one command from the process arguments. Chosen at run time (not with
   * {@code @Conditional}), so the same bean definitions serve both modes, also in AOT mode.
   */
  @Bean
  @Primary
  SsechatRunner ssechatRunner(Console console, ObjectProvider<Terminal> terminal,
      CommandCompleter completer, History history, CommandParser parser, CommandRegistry registry,
      ReplCommands commands, Conversation conversation, SpringShellProperties shell,
      UserConfigPathProvider configPath, ObjectProvider<LaunchArgs> launch) {
    if (console.interactive()) {
      return new SsechatRunner(args -> {
        Terminal t = terminal.getObject();
        Path historyFile = privateHistory(shell.getHistory().isEnabled()
            ? configPath.provide().resolve(shell.getHistory().getName()) : null);
        LineReader reader = ReplReaders.create(t, completer, history, historyFile);
        new ChatRepl(reader, parser, registry, commands, console.ansi()).run(banner(conversation));
        history.save();
        privateHistory(historyFile);
      });
    }
    LaunchArgs args = launch.getIfAvailable(() -> new LaunchArgs(List.of(), List.of(), false));
    PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
        StandardCharsets.UTF_8), false);
    return new SsechatRunner(new OneShotRunner(registry, args.command(), out, stderr()));
  }

  /** One-shot mode never needs a real terminal; a dumb one keeps JLine quiet when output is piped. */
  @Bean
  TerminalCustomizer dumbTerminalInOneShotMode(Environment env) {
    boolean interactive = env.getProperty(INTERACTIVE, Boolean.class, true);
    return builder -> {
      if (!interactive) {
        builder.dumb(true);
      }
    };
  }

  static String banner(Conversation conversation) {
    Settings s = conversation.settings();
    String provider = s.offline() ? "offline (no API key configured)"
        : s.provider() + (s.apiKey() == null && !"none".equals(s.auth()) ? " (no API key!)" : "");
    return "ssechat · provider " + provider + " · model " + s.model() + " · session "
        + conversation.session().name() + " · /help";
  }

  /**
   * The input history (JLine writes it) in a 0700 directory, the file itself 0600; null (no
   * history file) when it is a symbolic link, which JLine would write through.
   */
  static Path privateHistory(Path file) {
    if (file == null) {
      return null;
    }
    if (Files.isSymbolicLink(file)) {
      stderr().println("warning: " + file + " is a symbolic link; the input history is not saved");
      stderr().flush();
      return null;
    }
    try {
      if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
        PrivateFiles.restrict(file);
      } else {
        PrivateFiles.createNew(file).close();
      }
    } catch (IOException e) {
      stderr().println("warning: cannot make " + file + " private: " + Failures.ioReason(e));
    }
    return file;
  }

  /** One line on stderr (once: the settings bean is made once) if others can read the file. */
  static void warnIfOthersCanRead(Path configYml, PrintWriter err) {
    try {
      if (Files.isRegularFile(configYml) && PrivateFiles.readableByOthers(configYml)) {
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(configYml));
        err.println("warning: " + configYml + " is readable by other users (" + mode
            + "); it may hold your API key: chmod 600 " + configYml);
        err.flush();
      }
    } catch (IOException e) {
      // unreadable metadata: nothing to warn about that the user could act on
    }
  }

  private static PrintWriter stderr() {
    return new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err),
        StandardCharsets.UTF_8), true);
  }
}
