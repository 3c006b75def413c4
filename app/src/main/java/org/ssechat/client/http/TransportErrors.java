package org.ssechat.client.http;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;
import org.ssechat.failure.Failures;

/** The sentences for transport failures (connect, timeouts, DNS, TLS, lost connections). */
final class TransportErrors {
  private TransportErrors() {}

  /**
   * {@code https://host:port} of {@code uri} (never its {@code user:password@}): where a message
   * says the failure happened.
   */
  static String where(URI uri) {
    return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
  }

  /** {@code 60s}, or {@code 0.6s} for durations that are not whole seconds. */
  static String seconds(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + "s" : String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
  }

  /** The failure inside the client's {@code CompletionException}/{@code ExecutionException}. */
  static Throwable unwrap(Throwable t) {
    Throwable e = t;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /** {@code no response from https://host within 60s (first-byte timeout)}. */
  static String noResponse(URI uri, Duration within, String which) {
    return "no response from " + where(uri) + " within " + seconds(within) + " (" + which
        + " timeout)";
  }

  /**
   * One redacted line for a failure before a response arrived.
   *
   * @param phase the timeout that applies, e.g. {@code first-byte}
   */
  static String describe(Throwable t, URI uri, EndpointConfig config, String phase) {
    Throwable e = unwrap(t);
    String msg;
    if (e instanceof HttpConnectTimeoutException) {
      msg = noResponse(uri, config.connectTimeout(), "connect");
    } else if (e instanceof HttpTimeoutException) {
      msg = noResponse(uri, config.firstByteTimeout(), phase);
    } else if (e instanceof ConnectException) {
      msg = "cannot connect to " + where(uri) + ": "
          + (e.getMessage() == null ? "connection refused" : e.getMessage());
    } else if (e instanceof UnresolvedAddressException
        || e.getCause() instanceof UnresolvedAddressException) {
      msg = "cannot resolve host " + uri.getHost();
    } else if (e instanceof SSLException) {
      msg = "TLS with " + where(uri) + " failed: " + e.getMessage();
    } else {
      msg = "request to " + where(uri) + " failed: " + Failures.messageOf(e);
    }
    return Failures.oneLine(msg, config.apiKey());
  }
}
