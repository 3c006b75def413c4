package org.ssechat.repl;

import org.jline.terminal.Terminal;
import org.jline.utils.Signals;

/**
 * Where Ctrl-C comes from while an answer streams. {@link #onInterrupt} installs a handler and
 * returns the registration; closing it restores the previous handler.
 */
@FunctionalInterface
public interface Interrupts {

  /** A registration; {@link #close()} puts the previous handler back. */
  interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  Registration onInterrupt(Runnable handler);

  /** SIGINT through the JLine terminal (the REPL; also what {@code Terminal.raise} triggers in tests). */
  static Interrupts of(Terminal terminal) {
    return handler -> {
      Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> handler.run());
      return () -> terminal.handle(Terminal.Signal.INT, previous);
    };
  }

  /** SIGINT of the process (one-shot mode, where no terminal reads the keyboard). */
  static Interrupts process() {
    return handler -> {
      Object previous = Signals.register("INT", handler);
      return () -> Signals.unregister("INT", previous);
    };
  }
}
