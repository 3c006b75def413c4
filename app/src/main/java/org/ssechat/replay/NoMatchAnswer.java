package org.ssechat.replay;

import java.util.List;
import java.util.Map;
import org.ssechat.record.Recording;

/**
 * The offline answer to a prompt that no recording answers: says so plainly, says how to connect
 * a real provider, and lists the questions the recordings do answer. Built in memory as an
 * OpenAI-style SSE stream ({@link ChunkStream}), so it plays through the same stream processor
 * and renderer as every other answer (and {@code serve} can send it as is).
 */
public final class NoMatchAnswer {

  /** The name the answer plays under (it is no file and not in any library). */
  public static final String NAME = "ssechat-offline-no-match";
  /** The model the answer's chunks carry. */
  public static final String MODEL = "ssechat-offline";
  /** How the answer begins. */
  public static final String HEADLINE = "**No recorded answer for this prompt.**";

  private NoMatchAnswer() {}

  /** The answer's Markdown text for a library. */
  public static String text(RecordingLibrary library) {
    StringBuilder sb = new StringBuilder(HEADLINE).append(" This is ssechat's offline mode: it"
        + " answers only from recordings, and none of them answers this prompt, so it gives no"
        + " answer rather than an unrelated one.\n\n"
        + "To ask a real model, set `SSECHAT_API_KEY` (and `SSECHAT_BASE_URL` for an endpoint"
        + " other than OpenAI's) or start with `--provider NAME`, e.g."
        + " `SSECHAT_API_KEY=sk-… ./ssechat --provider deepseek` (see `docs/usage.md`).\n\n");
    Map<String, String> prompts = library.prompts();
    if (prompts.isEmpty()) {
      sb.append("No recording here is matched by its question.\n\n");
    } else {
      sb.append("Questions I can answer offline:\n");
      prompts.values().stream().sorted().forEach(p -> sb.append("- ")
          .append(p.strip().replaceAll("\\s+", " ")).append('\n'));
      sb.append('\n');
    }
    return sb.append("Every recording can also be played by name: `/models` (or `GET /v1/models`"
        + " from `ssechat serve`) lists them; use a name as the model, e.g. `/model "
        + library.names().get(0) + "`.").toString();
  }

  /** The answer as a recording: SSE chunks (role, words, stop, usage, {@code [DONE]}). */
  public static Recording recording(RecordingLibrary library) {
    ChunkStream s = new ChunkStream(MODEL, "chatcmpl-" + NAME, 0);
    s.role();
    List<String> pieces = ChunkStream.words(text(library));
    pieces.forEach(s::content);
    s.finish("stop");
    s.usage(0, pieces.size(), 0);
    s.done();
    return Recording.of(NAME, s.bytes(), null, NAME);
  }
}
