package org.ssechat.sse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** Finds parser implementations by name. */
public final class SseParsers {

  /** The default implementation's name. */
  public static final String DEFAULT = "zero-copy";

  private static volatile Map<String, SseParserProvider> providers;

  private SseParsers() {}

  /** The default (zero-copy) parser with default limits. */
  public static SseParser create(SseListener listener) {
    return create(DEFAULT, listener, SseLimits.DEFAULTS);
  }

  /**
   * A new parser of the named implementation.
   *
   * @throws IllegalArgumentException naming the known implementations if {@code name} is unknown
   */
  public static SseParser create(String name, SseListener listener, SseLimits limits) {
    return provider(name).create(listener, limits);
  }

  /** The provider called {@code name}. */
  public static SseParserProvider provider(String name) {
    SseParserProvider p = all().get(name);
    if (p == null) {
      throw new IllegalArgumentException(
          "unknown SSE parser '" + name + "' (known: " + String.join(", ", names()) + ")");
    }
    return p;
  }

  /** Names of all implementations on the class path, the default first. */
  public static List<String> names() {
    return List.copyOf(all().keySet());
  }

  private static Map<String, SseParserProvider> all() {
    Map<String, SseParserProvider> m = providers;
    if (m == null) {
      m = new LinkedHashMap<>();
      for (SseParserProvider p : ServiceLoader.load(SseParserProvider.class,
          SseParsers.class.getClassLoader())) {
        m.putIfAbsent(p.name(), p);
      }
      SseParserProvider def = m.remove(DEFAULT);
      Map<String, SseParserProvider> ordered = new LinkedHashMap<>();
      if (def != null) {
        ordered.put(DEFAULT, def);
      }
      ordered.putAll(m);
      providers = m = ordered;
    }
    return m;
  }
}
