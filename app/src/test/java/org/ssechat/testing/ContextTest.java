package org.ssechat.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.shell.test.autoconfigure.ShellTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.ssechat.app.SsechatApplication;

/**
 * Base of the tests that need the Spring context. All subclasses share one context (same
 * configuration), with config and data dirs in a temp dir and no JLine history file.
 */
@ShellTest
@ContextConfiguration(classes = {SsechatApplication.class, TestBeans.class})
@TestPropertySource(locations = "classpath:application.properties",
    properties = {"spring.shell.history.enabled=false", "ssechat.model=m1"})
public abstract class ContextTest {
  protected static final Path DIR;

  static {
    try {
      DIR = Files.createTempDirectory("ssechat-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void dirs(DynamicPropertyRegistry r) {
    r.add("ssechat.config-dir", () -> DIR.resolve("config").toString());
    r.add("ssechat.data-dir", () -> DIR.resolve("data").toString());
  }
}
