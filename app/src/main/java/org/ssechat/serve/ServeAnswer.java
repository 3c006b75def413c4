package org.ssechat.serve;

import java.io.IOException;
import org.ssechat.chat.ChatStreamDecoder;
import org.ssechat.chat.ChatStreamDecoder.Dialect;
import org.ssechat.record.Recording;
import org.ssechat.replay.NoMatchAnswer;
import org.ssechat.replay.RecordingLibrary;

/**
 * The recording that answers a request, and how it was chosen: {@link RecordingLibrary#match}
 * (model name, then prompt), else the {@link NoMatchAnswer}. Shared by both serve engines.
 */
record ServeAnswer(Recording rec, RecordingLibrary.Match match) {

  /** @throws IOException if the chosen recording cannot be read */
  static ServeAnswer select(RecordingLibrary library, String model, String prompt)
      throws IOException {
    RecordingLibrary.Match match = library.match(model, prompt);
    Recording rec = match.found() ? library.get(match.name()) : NoMatchAnswer.recording(library);
    return new ServeAnswer(rec, match);
  }

  /** The name of the recording a request would get (for the error when it is unreadable). */
  static String nameFor(RecordingLibrary library, String model, String prompt) {
    RecordingLibrary.Match match = library.match(model, prompt);
    return match.found() ? match.name() : NoMatchAnswer.NAME;
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
