package org.ssechat.benchmarks;

import java.nio.ByteBuffer;
import java.util.Map;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.http.codec.ServerSentEventHttpMessageReader;
import reactor.core.publisher.Flux;

/**
 * Spring WebFlux's {@link ServerSentEventHttpMessageReader} reading {@code ServerSentEvent<String>}
 * from a body of {@code readSize}-byte buffers, blocking until the flux completes (what
 * {@code WebClient.bodyToFlux(...)} runs, minus the network).
 */
final class SpringFramer implements Framer {

  private static final ResolvableType EVENT_OF_STRING =
      ResolvableType.forClassWithGenerics(ServerSentEvent.class, String.class);

  private final ServerSentEventHttpMessageReader reader = new ServerSentEventHttpMessageReader();
  private final HttpHeaders headers = new HttpHeaders();
  private final EventSink sink;
  private int events;

  SpringFramer(EventSink sink) {
    this.sink = sink;
    reader.setMaxInMemorySize(64 * 1024 * 1024);
    headers.setContentType(MediaType.TEXT_EVENT_STREAM);
  }

  @Override
  public int parse(byte[] stream, int readSize) {
    events = 0;
    Flux<DataBuffer> body = Flux.generate(() -> 0, (off, out) -> {
      if (off >= stream.length) {
        out.complete();
        return off;
      }
      int n = Math.min(readSize, stream.length - off);
      out.next(DefaultDataBufferFactory.sharedInstance.wrap(ByteBuffer.wrap(stream, off, n).slice()));
      return off + n;
    });
    ReactiveHttpInputMessage message = new ReactiveHttpInputMessage() {
      @Override
      public Flux<DataBuffer> getBody() {
        return body;
      }

      @Override
      public HttpHeaders getHeaders() {
        return headers;
      }
    };
    reader.read(EVENT_OF_STRING, message, Map.of()).doOnNext(o -> {
      ServerSentEvent<?> e = (ServerSentEvent<?>) o;
      // Spring also emits blocks that carried only a comment, id or retry; SSE dispatches none.
      if (e.data() != null) {
        events++;
        sink.onEvent(e.event(), (String) e.data());
      }
    }).blockLast();
    return events;
  }
}
