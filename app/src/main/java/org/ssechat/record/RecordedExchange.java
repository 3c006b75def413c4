package org.ssechat.record;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ssechat.failure.Secrets;

/**
 * The request and response metadata a recording keeps (never the request body, never the key).
 *
 * @param method          {@code POST}
 * @param url             the request URL
 * @param model           the requested model
 * @param requestHeaders  request headers as sent (redacted when written)
 * @param status          the final HTTP status
 * @param responseHeaders response headers, lower-case names
 * @param prompt          the last user message of the request, or null (redacted when written)
 *
 * <p>{@link #toString()} shows no URL, no prompt and header names only (any may hold a key). Use {@link #redacted(String)} before keeping or
 * writing one.
 */
public record RecordedExchange(String method, String url, String model,
    Map<String, String> requestHeaders, int status, Map<String, List<String>> responseHeaders,
    String prompt) {
  public RecordedExchange {
    requestHeaders = requestHeaders == null ? Map.of() : requestHeaders;
    responseHeaders = responseHeaders == null ? Map.of() : responseHeaders;
  }

  /** An exchange without a known prompt. */
  public RecordedExchange(String method, String url, String model,
      Map<String, String> requestHeaders, int status, Map<String, List<String>> responseHeaders) {
    this(method, url, model, requestHeaders, status, responseHeaders, null);
  }

  /** What secret headers are written as. */
  public static final String REDACTED = "<redacted>";
  private static final Set<String> SECRET_HEADERS = Set.of("authorization", "api-key",
      "x-api-key", "proxy-authorization");

  /**
   * A copy where the {@code Authorization}, {@code api-key}, {@code x-api-key} and
   * {@code Proxy-Authorization} headers, and every header (request or response) whose value
   * contains {@code secret}, read {@value #REDACTED}, and {@code secret} is replaced by
   * {@value #REDACTED} in the URL and the prompt.
   */
  public RecordedExchange redacted(String secret) {
    Map<String, String> req = new LinkedHashMap<>();
    requestHeaders.forEach((k, v) -> req.put(k, secret(k, v, secret) ? REDACTED : v));
    Map<String, List<String>> resp = new LinkedHashMap<>();
    responseHeaders.forEach((k, vs) -> resp.put(k.toLowerCase(Locale.ROOT),
        vs.stream().map(v -> secret(k, v, secret) ? REDACTED : v).toList()));
    String u = Secrets.withoutCredentials(without(url, secret));
    return new RecordedExchange(method, u, model, req, status, resp, without(prompt, secret));
  }

  private static String without(String text, String secret) {
    return secret == null || secret.isEmpty() || text == null ? text
        : text.replace(secret, REDACTED);
  }

  private static boolean secret(String name, String value, String secret) {
    return SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT))
        || secret != null && !secret.isEmpty() && value != null && value.contains(secret);
  }

  @Override
  public String toString() {
    return "RecordedExchange[" + method + ", model=" + model + ", requestHeaders="
        + requestHeaders.keySet() + ", status=" + status
        + (prompt == null ? "" : ", prompt of " + prompt.length() + " chars") + "]";
  }
}
