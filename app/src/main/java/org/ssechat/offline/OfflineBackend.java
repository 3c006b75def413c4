package org.ssechat.offline;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.ssechat.client.Cancellation;
import org.ssechat.client.ChatBackend;
import org.ssechat.client.ChatRequest;
import org.ssechat.client.ChatResult;
import org.ssechat.client.ResponseStreamProcessor;
import org.ssechat.failure.Failures;
import org.ssechat.record.Recording;
import org.ssechat.replay.NoMatchAnswer;
import org.ssechat.replay.Pacing;
import org.ssechat.replay.PacingClock;
import org.ssechat.replay.Player;
import org.ssechat.replay.ReadPlan;
import org.ssechat.replay.RecordingLibrary;
import org.ssechat.replay.RecordingStreams;
import org.ssechat.replay.Speed;

/**
 * The {@code offline} provider: answers from the bundled recordings, in process (no network, no
 * port), through the same stream processor as a live answer.
 *
 * <p>The recording is chosen by {@link RecordingLibrary#match}: the model name if it names a
 * recording, else the recording whose prompt matches the last user message (normalised, exactly
 * or nearly). A prompt that nothing matches gets the {@link NoMatchAnswer}, streamed like a
 * recording: never an unrelated recording. Pacing: recordings with a sidecar keep
 * their recorded rhythm at {@code speed}; those without get one read per SSE event every
 * {@value Pacing#DEFAULT_UNTIMED_GAP_MS} ms ({@link Pacing}). Either way an answer is squeezed to at most {@code maxDuration}
 * (default {@value #DEFAULT_MAX_MILLIS} ms), so it visibly streams but never drags.
 */
public final class OfflineBackend implements ChatBackend {

  /** The default cap on how long one offline answer takes to stream. */
  public static final long DEFAULT_MAX_MILLIS = 2000;

  private final RecordingLibrary library;
  private final Pacing pacing;
  private final long maxNanos;
  private final Player player;

  /** The bundled recordings, recorded pacing capped at {@value #DEFAULT_MAX_MILLIS} ms. */
  public OfflineBackend() {
    this(RecordingLibrary.bundled(), Speed.REALTIME, DEFAULT_MAX_MILLIS, PacingClock.SYSTEM);
  }

  /**
   * @param speed     divides recorded gaps ({@link Speed#MAX}: no pacing at all)
   * @param maxMillis the longest an answer may take to stream
   */
  public OfflineBackend(RecordingLibrary library, Speed speed, long maxMillis,
      PacingClock clock) {
    this.library = Objects.requireNonNull(library, "library");
    this.pacing = Pacing.of(speed);
    this.maxNanos = maxMillis * 1_000_000;
    this.player = new Player(clock);
  }

  @Override
  public ChatResult stream(ChatRequest request, ResponseStreamProcessor response,
      Cancellation cancel) {
    RecordingLibrary.Match match = recordingFor(request);
    Recording rec;
    if (!match.found()) {
      rec = NoMatchAnswer.recording(library);
    } else {
      try {
        rec = library.get(match.name());
      } catch (IOException | RuntimeException e) {
        return response.fail("offline recording '" + match.name() + "' is unreadable: "
            + Failures.messageOf(e));
      }
    }
    return RecordingStreams.play(rec, plan(rec), response, player, cancel);
  }

  /** The recording that answers {@code request}, or {@link RecordingLibrary.Match#NONE}. */
  public RecordingLibrary.Match recordingFor(ChatRequest request) {
    return library.match(request.model(), request.lastUserMessage());
  }

  private ReadPlan plan(Recording rec) {
    return pacing.plan(rec).fitWithin(maxNanos);
  }

  /** The recording names: any of them may be used as the model name. */
  @Override
  public List<String> models() {
    return library.names();
  }

  @Override
  public String describe() {
    return "offline (" + library.description() + ")";
  }
}
