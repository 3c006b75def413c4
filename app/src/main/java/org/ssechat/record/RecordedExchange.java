package org.ssechat.record;

import java.util.List;
import java.util.Map;

/**
 * The request and response metadata a recording keeps (never the request body, never the key).
 *
 * @param method          {@code POST}
 * @param url             the request URL
 * @param model           the requested model
 * @param requestHeaders  request headers as sent (redacted when written)
 * @param status          the final HTTP status
 * @param responseHeaders response headers, lower-case names
 */
public record RecordedExchange(String method, String url, String model,
    Map<String, String> requestHeaders, int status, Map<String, List<String>> responseHeaders) {
  public RecordedExchange {
    requestHeaders = requestHeaders == null ? Map.of() : requestHeaders;
    responseHeaders = responseHeaders == null ? Map.of() : responseHeaders;
  }
}
