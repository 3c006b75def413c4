package org.ssechat.app;

import java.util.List;
import org.ssechat.chat.ChatDeltaListener;
import org.ssechat.client.Cancellation;
import org.ssechat.client.ChatBackend;
import org.ssechat.client.ChatException;
import org.ssechat.client.ChatRequest;
import org.ssechat.client.ChatResult;
import org.ssechat.client.Metrics;
import org.ssechat.client.Outcome;
import org.ssechat.config.Settings;

/**
 * PLACEHOLDER for the HTTP backend (built by another helper): every request fails with one clear
 * line. Replace in {@link Backends#standard} when the real backend is merged.
 */
final class UnavailableHttpBackend implements ChatBackend {
  private final Settings settings;

  UnavailableHttpBackend(Settings settings) {
    this.settings = settings;
  }

  @Override
  public ChatResult stream(ChatRequest request, ChatDeltaListener listener, Cancellation cancel) {
    return new ChatResult(Outcome.ERROR, request.model(), "", "", List.of(), null, null,
        "the HTTP backend is not built into this version yet (provider " + settings.provider() + ")",
        List.of(), new Metrics(-1, -1, 0, 0, 0, 0, 0, false));
  }

  @Override
  public List<String> models() {
    throw new ChatException("the HTTP backend is not built into this version yet");
  }

  @Override
  public String describe() {
    return settings.provider() + " (" + settings.baseUrl() + ")";
  }
}
