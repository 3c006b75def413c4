package org.ssechat.serve;

import java.io.IOException;
import org.ssechat.chat.ChatStreamDecoder;
import org.ssechat.chat.ChatStreamDecoder.Dialect;
import org.ssechat.client.ChatResult;
import org.ssechat.client.Outcome;
import org.ssechat.failure.Failures;
import org.ssechat.record.Recording;
import org.ssechat.replay.NoMatchAnswer;
import org.ssechat.replay.RecordingLibrary;
import org.ssechat.replay.RecordingStreams;
import tools.jackson.databind.JsonNode;

/**
 * The recording that answers a request, and how it was chosen: {@link RecordingLibrary#match}
 * (model name, then prompt), else the {@link NoMatchAnswer}. Shared by both serve engines.
 */
record ServeAnswer(Recording rec, RecordingLibrary.Match match) {

  /**
   * The recording for {@code model} and {@code prompt}.
   *
   * @throws ServeRequest.Refused 500 if the chosen recording cannot be read
   */
  static ServeAnswer select(RecordingLibrary library, String model, String prompt)
      throws ServeRequest.Refused {
    RecordingLibrary.Match match = library.match(model, prompt);
    String name = match.found() ? match.name() : NoMatchAnswer.NAME;
    try {
      Recording rec = match.found() ? library.get(name) : NoMatchAnswer.recording(library);
      return new ServeAnswer(rec, match);
    } catch (IOException e) {
      throw new ServeRequest.Refused(500, "recording '" + name + "' is unreadable: "
          + Failures.oneLine(e), "server_error");
    }
  }

  /** A non-streamed answer: one {@code chat.completion} object, and how the recording ended. */
  record Completion(JsonNode json, String outcome) {}

  /**
   * The recording as one {@code chat.completion} object, as a client asking without
   * {@code stream} gets it.
   *
   * @throws ServeRequest.Refused 502 with the recorded error if the recording ends in one
   */
  Completion completion(String model) throws ServeRequest.Refused {
    ChatResult r = RecordingStreams.decode(rec, model == null ? rec.name() : model);
    if (r.outcome() == Outcome.ERROR) {
      throw new ServeRequest.Refused(502, r.error(), "server_error");
    }
    return new Completion(CompletionJson.of("chatcmpl-" + rec.name(),
        System.currentTimeMillis() / 1000, r), r.outcome().label());
  }

  /** The dialect the recording is in. */
  Dialect dialect() {
    return ChatStreamDecoder.detect(rec.body(), 0, rec.body().length);
  }

  /** The log line's head: {@code POST PATH model=M -> NAME (KIND match)}. */
  String what(String path, String model) {
    return "POST " + path + " model=" + model + " -> "
        + (match.found() ? rec.name() + " (" + match.kind().label() + " match)"
        : "no recorded answer");
  }
}
