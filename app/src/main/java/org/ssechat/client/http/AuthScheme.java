package org.ssechat.client.http;

import java.util.Locale;
import java.util.Objects;

/**
 * How the API key is sent.
 *
 * <table>
 *   <caption>Schemes</caption>
 *   <tr><th>text form</th><th>header sent</th></tr>
 *   <tr><td>{@code bearer} (default)</td><td>{@code Authorization: Bearer <key>}</td></tr>
 *   <tr><td>{@code raw}</td><td>{@code Authorization: <key>} (as the dmxapi docs show)</td></tr>
 *   <tr><td>{@code header:<Name>}</td><td>{@code <Name>: <key>}, e.g. {@code header:api-key}</td></tr>
 *   <tr><td>{@code none}</td><td>nothing (local servers)</td></tr>
 * </table>
 *
 * @param kind       the scheme
 * @param headerName the header that carries the key, null for {@link Kind#NONE}
 */
public record AuthScheme(Kind kind, String headerName) {

  /** The kinds of scheme. */
  public enum Kind { BEARER, RAW, HEADER, NONE }

  public static final AuthScheme BEARER = new AuthScheme(Kind.BEARER, "Authorization");
  public static final AuthScheme RAW = new AuthScheme(Kind.RAW, "Authorization");
  public static final AuthScheme NONE = new AuthScheme(Kind.NONE, null);

  public AuthScheme {
    Objects.requireNonNull(kind, "kind");
    if (kind != Kind.NONE && (headerName == null || headerName.isBlank())) {
      throw new IllegalArgumentException("auth scheme " + kind + " needs a header name");
    }
  }

  /**
   * Parses {@code bearer}, {@code raw}, {@code header:<Name>} or {@code none} (case-insensitive
   * keywords).
   *
   * @throws IllegalArgumentException with a one-line message listing the accepted forms
   */
  public static AuthScheme parse(String text) {
    String t = text == null ? "" : text.trim();
    String lower = t.toLowerCase(Locale.ROOT);
    if (lower.startsWith("header:") && t.length() > 7 && !t.substring(7).isBlank()) {
      return new AuthScheme(Kind.HEADER, t.substring(7).trim());
    }
    switch (lower) {
      case "bearer":
        return BEARER;
      case "raw":
        return RAW;
      case "none":
        return NONE;
      default:
        throw new IllegalArgumentException("unknown auth scheme '" + t
            + "' (use bearer, raw, header:<Name> or none)");
    }
  }

  /** The header value for {@code key}, or null if nothing is sent. */
  String headerValue(String key) {
    if (kind == Kind.NONE || key == null || key.isEmpty()) {
      return null;
    }
    return kind == Kind.BEARER ? "Bearer " + key : key;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case BEARER -> "bearer";
      case RAW -> "raw";
      case NONE -> "none";
      case HEADER -> "header:" + headerName;
    };
  }
}
