package org.ssechat.client.http;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.ssechat.chat.ChatStreamDecoder.Dialect;
import org.ssechat.failure.Secrets;
import org.ssechat.sse.SseLimits;

/**
 * Where and how to reach an OpenAI-compatible endpoint. {@link #toString()} masks the key.
 *
 * <p>The base URL may be given with or without the version segment and trailing slash:
 * {@code https://x.com}, {@code https://x.com/}, {@code https://x.com/v1} and
 * {@code https://x.com/v1/} all lead to {@code https://x.com/v1/chat/completions}. A base that
 * already ends in a version ({@code /v4} for Zhipu, {@code /openai/v1} for Groq) is kept; a full
 * {@code …/chat/completions} URL is accepted too.
 *
 * @param name             label for banners, e.g. {@code openai}
 * @param baseUrl          the base URL as the user typed it
 * @param chatPath         null for {@code chat/completions}; a relative path is resolved against
 *                         the API base, one starting with {@code /} replaces the whole path
 * @param apiKey           the key, or null/empty for none
 * @param auth             how the key is sent
 * @param headers          extra request headers
 * @param connectTimeout   TCP/TLS connect
 * @param firstByteTimeout request sent → first body byte (or status line for errors)
 * @param idleTimeout      longest silence between reads once the body started; SSE comments
 *                         (keep-alives) count as data
 * @param totalTimeout     whole response, or null for no limit
 * @param maxRetries       retries for 429 and 5xx before any output (0 = none)
 * @param maxRetryWait     longest wait before a retry; a longer {@code Retry-After} is not waited
 * @param limits           SSE line and event size limits
 */
public record EndpointConfig(String name, String baseUrl, String chatPath, String apiKey,
    AuthScheme auth, Map<String, String> headers, Duration connectTimeout,
    Duration firstByteTimeout, Duration idleTimeout, Duration totalTimeout, int maxRetries,
    Duration maxRetryWait, SseLimits limits) {

  private static final Pattern VERSION = Pattern.compile(".*/v\\d+(beta\\d*|alpha\\d*)?");

  public EndpointConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(auth, "auth");
    headers = headers == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(headers));
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(firstByteTimeout, "firstByteTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(maxRetryWait, "maxRetryWait");
    Objects.requireNonNull(limits, "limits");
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must be >= 0");
    }
    URI u = parse(baseUrl);
    if (u.getHost() == null || !("http".equals(u.getScheme()) || "https".equals(u.getScheme()))) {
      throw new IllegalArgumentException("base URL must be http(s)://host[:port][/path]: " + baseUrl);
    }
  }

  /**
   * Defaults: bearer auth, connect 10 s, first byte 60 s, idle 120 s (reasoning models can think
   * quietly behind relays that drop keep-alives), no total limit, 3 retries waiting at most 30 s.
   */
  public static EndpointConfig of(String name, String baseUrl, String apiKey) {
    return new EndpointConfig(name, baseUrl, null, apiKey, AuthScheme.BEARER, Map.of(),
        Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(120), null, 3,
        Duration.ofSeconds(30), SseLimits.DEFAULTS);
  }

  public EndpointConfig withAuth(AuthScheme a) {
    return new EndpointConfig(name, baseUrl, chatPath, apiKey, a, headers, connectTimeout,
        firstByteTimeout, idleTimeout, totalTimeout, maxRetries, maxRetryWait, limits);
  }

  public EndpointConfig withChatPath(String path) {
    return new EndpointConfig(name, baseUrl, path, apiKey, auth, headers, connectTimeout,
        firstByteTimeout, idleTimeout, totalTimeout, maxRetries, maxRetryWait, limits);
  }

  public EndpointConfig withHeaders(Map<String, String> h) {
    return new EndpointConfig(name, baseUrl, chatPath, apiKey, auth, h, connectTimeout,
        firstByteTimeout, idleTimeout, totalTimeout, maxRetries, maxRetryWait, limits);
  }

  /** Connect, first-byte, idle and total ({@code null} = none) timeouts. */
  public EndpointConfig withTimeouts(Duration connect, Duration firstByte, Duration idle,
      Duration total) {
    return new EndpointConfig(name, baseUrl, chatPath, apiKey, auth, headers, connect, firstByte,
        idle, total, maxRetries, maxRetryWait, limits);
  }

  public EndpointConfig withRetries(int max, Duration maxWait) {
    return new EndpointConfig(name, baseUrl, chatPath, apiKey, auth, headers, connectTimeout,
        firstByteTimeout, idleTimeout, totalTimeout, max, maxWait, limits);
  }

  public EndpointConfig withLimits(SseLimits l) {
    return new EndpointConfig(name, baseUrl, chatPath, apiKey, auth, headers, connectTimeout,
        firstByteTimeout, idleTimeout, totalTimeout, maxRetries, maxRetryWait, l);
  }

  /** The API base, always ending in a slash, e.g. {@code https://x.com/v1/}. */
  public URI apiBase() {
    URI u = parse(baseUrl);
    String path = u.getRawPath() == null ? "" : u.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.endsWith("/chat/completions")) {
      path = path.substring(0, path.length() - "/chat/completions".length());
    }
    if (!VERSION.matcher(path).matches()) {
      path = path + "/v1";
    }
    return u.resolve(path + "/");
  }

  /** Where chat requests go. */
  public URI chatUri() {
    return apiBase().resolve(chatPath == null || chatPath.isBlank() ? "chat/completions" : chatPath);
  }

  /**
   * Where requests of {@code dialect} go: {@link #chatUri()}, or {@code messages} /
   * {@code responses} under the API base.
   */
  public URI uriFor(Dialect dialect) {
    return switch (dialect) {
      case CHAT -> chatUri();
      case MESSAGES -> apiBase().resolve("messages");
      case RESPONSES -> apiBase().resolve("responses");
    };
  }

  /** Where the model list comes from. */
  public URI modelsUri() {
    return apiBase().resolve("models");
  }

  private static URI parse(String url) {
    try {
      URI u = URI.create(url.trim());
      return new URI(u.getScheme(), u.getRawAuthority() == null ? null : u.getAuthority(),
          u.getPath(), null, null);
    } catch (Exception e) {
      throw new IllegalArgumentException("not a valid base URL: " + url);
    }
  }

  @Override
  public String toString() {
    return "EndpointConfig[name=" + name + ", chat="
        + Secrets.withoutCredentials(chatUri().toString()) + ", apiKey="
        + Secrets.mask(apiKey) + ", auth=" + auth + ", headers=" + headers.keySet()
        + ", connect=" + connectTimeout + ", firstByte=" + firstByteTimeout + ", idle="
        + idleTimeout + ", total=" + totalTimeout + ", retries=" + maxRetries + "]";
  }
}
