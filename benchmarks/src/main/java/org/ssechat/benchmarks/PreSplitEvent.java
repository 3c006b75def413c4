package org.ssechat.benchmarks;

import java.nio.charset.StandardCharsets;
import org.ssechat.sse.SseEvent;
import org.ssechat.sse.SseMessage;

/**
 * An event that was split beforehand, as an {@link SseEvent} view: feeds a listener (the chat
 * decoder) with no parser in between, for the "Jackson only" bound and as the gate's expectation.
 */
final class PreSplitEvent implements SseEvent {

  private static final byte[] NONE = new byte[0];

  private final byte[] data;
  private final byte[] type;
  private final String lastEventId;

  PreSplitEvent(SseMessage m) {
    this.data = m.data().getBytes(StandardCharsets.UTF_8);
    this.type = m.type().equals("message") ? NONE : m.type().getBytes(StandardCharsets.UTF_8);
    this.lastEventId = m.lastEventId();
  }

  @Override
  public byte[] dataArray() {
    return data;
  }

  @Override
  public int dataOffset() {
    return 0;
  }

  @Override
  public int dataLength() {
    return data.length;
  }

  @Override
  public String data() {
    return new String(data, StandardCharsets.UTF_8);
  }

  @Override
  public byte[] typeArray() {
    return type;
  }

  @Override
  public int typeOffset() {
    return 0;
  }

  @Override
  public int typeLength() {
    return type.length;
  }

  @Override
  public String type() {
    return type.length == 0 ? "message" : new String(type, StandardCharsets.UTF_8);
  }

  @Override
  public String lastEventId() {
    return lastEventId;
  }

  @Override
  public long endOffset() {
    return 0;
  }
}
