package org.ssechat.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits command-line words into options ({@code --opt value}, {@code --opt=value}, {@code --flag})
 * and positional words, for the plain-Java option records of {@code replay} and {@code serve}.
 */
public final class CliWords {

  private CliWords() {}

  /**
   * One option or positional word.
   *
   * @param option the option name with its dashes, or null for a positional word
   * @param value  the option's value (null for a flag), or the positional word
   */
  public record Word(String option, String value) {}

  /**
   * @param flags  options without a value
   * @param valued options that take a value
   * @param usage  the usage line, quoted in errors
   * @throws IllegalArgumentException naming an unknown option or a missing value
   */
  public static List<Word> split(List<String> args, Set<String> flags, Set<String> valued,
      String usage) {
    List<Word> out = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!a.startsWith("--")) {
        out.add(new Word(null, a));
        continue;
      }
      int eq = a.indexOf('=');
      String name = eq > 0 ? a.substring(0, eq) : a;
      if (flags.contains(name) && eq < 0) {
        out.add(new Word(name, null));
      } else if (valued.contains(name)) {
        if (eq < 0 && i + 1 >= args.size()) {
          throw new IllegalArgumentException(name + " needs a value");
        }
        out.add(new Word(name, eq > 0 ? a.substring(eq + 1) : args.get(++i)));
      } else {
        throw new IllegalArgumentException("unexpected '" + a + "'; usage: " + usage);
      }
    }
    return out;
  }
}
