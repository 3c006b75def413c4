package org.ssechat.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.ssechat.app.Backends;

/**
 * Test beans (listed explicitly, not component-scanned): a fake backend and a JLine
 * {@link DumbTerminal} over a feedable input and a captured output, both shared by one context.
 */
public class TestBeans {

  /** Captured terminal output. */
  public static final class Screen extends ByteArrayOutputStream {
    public synchronized String text() {
      return toString(StandardCharsets.UTF_8);
    }
  }

  @Bean
  FakeBackend fakeBackend() {
    return new FakeBackend();
  }

  @Bean
  @Primary
  Backends fakeBackends(FakeBackend fake) {
    return settings -> fake;
  }

  @Bean
  FeedInput feedInput() {
    return new FeedInput();
  }

  @Bean
  Screen screen() {
    return new Screen();
  }

  @Bean
  @Primary
  Terminal testTerminal(FeedInput in, Screen out) throws IOException {
    DumbTerminal t = new DumbTerminal("test", "ansi", in, out, StandardCharsets.UTF_8);
    t.setSize(new Size(160, 80));
    // like a real tty: Ctrl-C raises SIGINT, Ctrl-D is end of file
    Attributes a = t.getAttributes();
    a.setLocalFlag(Attributes.LocalFlag.ISIG, true);
    a.setControlChar(Attributes.ControlChar.VINTR, 3);
    a.setControlChar(Attributes.ControlChar.VEOF, 4);
    t.setAttributes(a);
    return t;
  }
}
