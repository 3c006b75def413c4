package org.ssechat.client.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ssechat.chat.StreamError;
import org.ssechat.failure.Failures;
import org.ssechat.failure.Secrets;

/** One-line descriptions of HTTP error responses. */
final class HttpErrors {
  /** At most this much of an error body is read. */
  static final int MAX_ERROR_BODY = 64 * 1024;
  private static final Pattern TITLE =
      Pattern.compile("(?is)<title[^>]*>(.*?)</title>");
  private static final Pattern SCRIPT_STYLE =
      Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>");
  private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");

  private HttpErrors() {}

  /**
   * {@code HTTP 401 from host: message (type, code) — hint}: the OpenAI-style {@code error}
   * object's message if the body has one, else a short snippet of the text or HTML.
   */
  static String describe(int status, URI uri, byte[] body, int len, String key) {
    StringBuilder sb = new StringBuilder("HTTP ").append(status).append(' ')
        .append(reason(status)).append(" from ").append(uri.getHost());
    String detail = detail(body, len, key);
    if (!detail.isEmpty()) {
      sb.append(": ").append(detail);
    }
    String hint = hint(status, uri);
    if (hint != null) {
      sb.append(" — ").append(hint);
    }
    return sb.toString();
  }

  /**
   * A redirect, which ssechat never follows: following it would send the key and the whole
   * conversation to wherever the server points. {@code location} is the server's
   * {@code Location} header (redacted and cut here), or null.
   */
  static String redirect(int status, URI uri, String location, String key) {
    String to = location == null || location.isBlank() ? "(no Location)"
        : Failures.excerpt(Secrets.withoutCredentials(resolved(uri, location.strip())), key);
    return "HTTP " + status + " from " + uri.getHost() + ": the endpoint redirected to " + to
        + " — ssechat does not follow redirects (the key and the conversation would go with"
        + " them); if that address is right, set the base URL to it";
  }

  private static String resolved(URI base, String location) {
    try {
      return base.resolve(location).toString();
    } catch (IllegalArgumentException notAUri) {
      return location;
    }
  }

  /**
   * The error message in an OpenAI/one-api style JSON body, else a text snippet; may be empty.
   * Redacted, then cut.
   */
  static String detail(byte[] body, int len, String key) {
    StreamError error = StreamError.fromJson(body, 0, len);
    if (error != null) {
      return Failures.excerpt(error.describe(), key);
    }
    return snippet(new String(body, 0, len, StandardCharsets.UTF_8), key);
  }

  /**
   * Text from an HTML or plain body: the title if any, else the text without tags; redacted,
   * then cut as {@link Failures#excerpt} does.
   */
  static String snippet(String text, String key) {
    Matcher title = TITLE.matcher(text);
    String s = title.find() ? title.group(1) : text;
    s = SCRIPT_STYLE.matcher(s).replaceAll(" ");
    s = TAG.matcher(s).replaceAll(" ");
    s = s.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
    return Failures.excerpt(s, key);
  }

  private static String hint(int status, URI uri) {
    return switch (status) {
      case 401 -> "check the API key";
      case 403 -> "check the API key and that it may use this model";
      case 404 -> "check the base URL (does it need /v1, or a different path?) — requested "
          + Secrets.withoutCredentials(uri.toString());
      case 429 -> "rate limited; try again later";
      default -> null;
    };
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 408 -> "Request Timeout";
      case 413 -> "Payload Too Large";
      case 422 -> "Unprocessable Entity";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> status >= 500 ? "server error" : status >= 400 ? "client error" : "";
    };
  }
}
