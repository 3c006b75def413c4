package org.ssechat.client.http;

import java.net.URI;
import java.util.Locale;

/**
 * Where an API key may go. {@code OPENAI_API_KEY} is OpenAI's: it goes to {@code api.openai.com}
 * (or to the {@code OPENAI_BASE_URL} set beside it, the pairing relay docs teach), never to
 * whatever other endpoint a preset or flag names, unless the user opts in. And no key is sent in
 * clear text over {@code http://} to a host that is not this machine, unless the user opts in.
 */
public final class KeyScope {
  /** OpenAI's API host. */
  static final String OPENAI_HOST = "api.openai.com";

  private KeyScope() {}

  /**
   * Whether {@code OPENAI_API_KEY} may be sent to {@code baseUrl}.
   *
   * @param urlFromOpenAiEnv whether the base URL came from {@code OPENAI_BASE_URL}
   * @param anywhere         the user's opt-in ({@code ssechat.openai-key-anywhere})
   */
  public static boolean openAiKeyMayGo(String baseUrl, boolean urlFromOpenAiEnv,
      boolean anywhere) {
    return anywhere || urlFromOpenAiEnv || OPENAI_HOST.equalsIgnoreCase(host(baseUrl));
  }

  /**
   * Refuses a key over plain {@code http://} to a host that is not loopback.
   *
   * @throws IllegalArgumentException with a one-line message (a usage error at start-up)
   */
  public static void checkTransport(String baseUrl, boolean allowInsecureHttp) {
    URI u = parse(baseUrl);
    if (u == null || !"http".equalsIgnoreCase(u.getScheme()) || allowInsecureHttp
        || isLoopback(u.getHost())) {
      return;
    }
    throw new IllegalArgumentException("refusing to send the API key in clear text to http://"
        + u.getHost() + ": use https, or set ssechat.allow-insecure-http=true");
  }

  /** The host of {@code url}, or {@code url} itself if it has none. */
  public static String host(String url) {
    URI u = parse(url);
    return u == null || u.getHost() == null ? url : u.getHost();
  }

  /** {@code localhost}, {@code 127.x.x.x} or {@code ::1}, from the literal (no DNS lookup). */
  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    return h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1")
        || h.equals("0:0:0:0:0:0:0:1") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  private static URI parse(String url) {
    try {
      return url == null ? null : URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
