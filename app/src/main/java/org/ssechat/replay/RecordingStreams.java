package org.ssechat.replay;

import org.ssechat.client.ChatResult;

/** TEMPORARY until the stream processor lands on main. */
public final class RecordingStreams {
  private RecordingStreams() {}

  public static ChatResult decode(Recording rec, String requestedModel) {
    throw new UnsupportedOperationException("stream processor not merged yet");
  }
}
