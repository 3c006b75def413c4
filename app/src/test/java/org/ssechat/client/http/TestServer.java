package org.ssechat.client.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw-socket HTTP/1.1 server on loopback (127.0.0.1 unless told another) for fault injection: each connection serves one
 * request through a scripted {@link Handler} that writes exactly the bytes it wants.
 */
final class TestServer implements AutoCloseable {

  /** A request as received. Header names are lower-case. */
  record Received(String method, String path, Map<String, String> headers, byte[] body) {
    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  @FunctionalInterface
  interface Handler {
    void handle(Received request, Response response, int index) throws Exception;
  }

  /** Writes a response by hand. */
  static final class Response {
    final Socket socket;
    final OutputStream out;
    volatile boolean clientGone;

    Response(Socket socket) throws IOException {
      this.socket = socket;
      this.out = socket.getOutputStream();
    }

    void raw(String s) throws IOException {
      raw(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    void raw(byte[] b) throws IOException {
      out.write(b);
      out.flush();
    }

    /** Status line and headers for a chunked body. */
    void chunkedHead(int status, String... headers) throws IOException {
      StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\n");
      for (String h : headers) {
        sb.append(h).append("\r\n");
      }
      sb.append("Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
      raw(sb.toString());
    }

    void chunk(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return;
      }
      try {
        out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(b, off, len);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      } catch (IOException e) {
        clientGone = true;
        throw e;
      }
    }

    void chunk(String s) throws IOException {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      chunk(b, 0, b.length);
    }

    void endChunks() throws IOException {
      raw("0\r\n\r\n");
    }

    /** A complete response with Content-Length. */
    void full(int status, String contentType, byte[] body, String... headers)
        throws IOException {
      StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\n");
      if (contentType != null) {
        sb.append("Content-Type: ").append(contentType).append("\r\n");
      }
      for (String h : headers) {
        sb.append(h).append("\r\n");
      }
      sb.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
      raw(sb.toString());
      raw(body);
    }

    void full(int status, String contentType, String body, String... headers)
        throws IOException {
      full(status, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Serves {@code body} as an event stream in reads of {@code readSize}, pausing between. */
    void sse(byte[] body, int readSize, long pauseMillis) throws Exception {
      chunkedHead(200, "Content-Type: text/event-stream");
      for (int i = 0; i < body.length; i += readSize) {
        chunk(body, i, Math.min(readSize, body.length - i));
        if (pauseMillis > 0) {
          Thread.sleep(pauseMillis);
        }
      }
      endChunks();
    }

    /** Closes the TCP connection abruptly (mid-body: a dropped connection). */
    void drop() throws IOException {
      socket.setSoLinger(true, 0);
      socket.close();
    }

    /** Blocks until the client closes the connection, up to {@code millis}; true if it did. */
    boolean awaitClientClose(long millis) throws IOException {
      socket.setSoTimeout((int) millis);
      try {
        InputStream in = socket.getInputStream();
        byte[] sink = new byte[256];
        while (in.read(sink) >= 0) {
          // discard
        }
        return true;
      } catch (java.net.SocketTimeoutException e) {
        return false;
      } catch (IOException e) {
        return true;
      }
    }
  }

  private final ServerSocket server;
  private final Handler handler;
  private final AtomicInteger count = new AtomicInteger();
  final List<Received> requests = new CopyOnWriteArrayList<>();
  final List<Throwable> handlerErrors = new CopyOnWriteArrayList<>();

  TestServer(Handler handler) throws IOException {
    this(InetAddress.getLoopbackAddress(), handler);
  }

  /** A server on another loopback address, e.g. 127.0.0.2: another origin for the client. */
  TestServer(InetAddress loopback, Handler handler) throws IOException {
    this.handler = handler;
    this.server = new ServerSocket(0, 50, loopback);
    Thread t = new Thread(this::acceptLoop, "test-server-" + server.getLocalPort());
    t.setDaemon(true);
    t.start();
  }

  String baseUrl() {
    return "http://" + server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Thread t = new Thread(() -> serve(s), "test-conn");
        t.setDaemon(true);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      Received r = read(s.getInputStream());
      if (r == null) {
        return;
      }
      requests.add(r);
      handler.handle(r, new Response(s), count.getAndIncrement());
    } catch (Exception e) {
      handlerErrors.add(e);
    }
  }

  private static Received read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int c = in.read();
      if (c < 0) {
        return null;
      }
      head.write(c);
      state = (c == '\r' && (state == 0 || state == 2)) || (c == '\n' && (state == 1 || state == 3))
          ? state + 1 : (c == '\r' ? 1 : 0);
    }
    String[] lines = head.toString(StandardCharsets.UTF_8).split("\r\n");
    String[] start = lines[0].split(" ");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
            lines[i].substring(colon + 1).trim());
      }
    }
    int len = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(len);
    return new Received(start[0], start[1], headers, body);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
