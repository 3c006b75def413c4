package org.ssechat.app;

import org.springframework.boot.ExitCodeGenerator;
import org.springframework.shell.core.ShellRunner;

/** The application's shell runner (REPL or one-shot) and the source of the process exit code. */
final class SsechatRunner implements ShellRunner, ExitCodeGenerator {
  private final ShellRunner delegate;

  SsechatRunner(ShellRunner delegate) {
    this.delegate = delegate;
  }

  @Override
  public void run(String[] args) throws Exception {
    delegate.run(args);
  }

  @Override
  public int getExitCode() {
    return delegate instanceof ExitCodeGenerator g ? g.getExitCode() : 0;
  }
}
