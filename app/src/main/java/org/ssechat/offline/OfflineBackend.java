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
 * {@value #UNTIMED_GAP_MS} ms. Either way an answer is squeezed to at most {@code maxDuration}
 * (default {@value #DEFAULT_MAX_MILLIS} ms), so it visibly streams but never drags.
 */
public final class OfflineBackend implements ChatBackend {

  /** The default cap on how long one offline answer takes to stream. */
  public static final long DEFAULT_MAX_MILLIS = 2000;
  /** Gap between events of a recording without a sidecar. */
  public static final long UNTIMED_GAP_MS = 25;

  private final RecordingLibrary library;
  private final Speed speed;
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
    this.speed = Objects.requireNonNull(speed, "speed");
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
    if (speed.isMax()) {
      return ReadPlan.original(rec, speed);
    }
    ReadPlan plan = rec.hasTiming() ? ReadPlan.original(rec, speed)
        : ReadPlan.perEvent(rec.body(), Math.round(UNTIMED_GAP_MS * 1e6 / speed.factor()));
    return plan.fitWithin(maxNanos);
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
