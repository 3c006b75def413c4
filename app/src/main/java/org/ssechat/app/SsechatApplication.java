package org.ssechat.app;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.ssechat.failure.ExitCodes;
import org.ssechat.failure.Failures;

/**
 * Entry point: {@code ssechat} starts the REPL, {@code ssechat COMMAND ARGS…} runs one command and
 * exits with its code (see {@link LaunchArgs}, {@link OneShotRunner}).
 */
@SpringBootApplication(scanBasePackages = "org.ssechat")
public class SsechatApplication {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs ssechat with {@code args} and returns the process exit code (no stack traces). */
  public static int run(String[] args) {
    LaunchArgs launch;
    try {
      launch = LaunchArgs.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("ssechat: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    if (launch.help()) {
      System.out.println(LaunchArgs.usage());
      return ExitCodes.OK;
    }
    SpringApplication app = new SpringApplication(SsechatApplication.class);
    Map<String, Object> defaults = new HashMap<>();
    defaults.put("spring.shell.interactive.enabled", String.valueOf(launch.interactive()));
    app.setDefaultProperties(defaults);
    app.addInitializers(ctx -> ctx.getBeanFactory().registerSingleton("launchArgs", launch));
    try {
      ConfigurableApplicationContext ctx = app.run(launch.properties().toArray(String[]::new));
      return SpringApplication.exit(ctx);
    } catch (SpringApplication.AbandonedRunException e) {
      throw e; // build-time AOT processing stops the run this way
    } catch (RuntimeException e) {
      // e.g. an unknown --provider or a bad config.yml value: one line, no stack trace
      System.err.println("ssechat: " + Failures.oneLine(e));
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof IllegalArgumentException) {
          return ExitCodes.USAGE;
        }
      }
      return ExitCodes.ERROR;
    }
  }
}
