/**
 * Playing recorded streams ({@link org.ssechat.record.Recording} is the format): the named sets of recordings and the rule that picks one for a request
 * ({@link org.ssechat.replay.RecordingLibrary}), pacing with an injectable clock
 * ({@link org.ssechat.replay.ReadPlan}, {@link org.ssechat.replay.Player},
 * {@link org.ssechat.replay.PacingClock}), playing a recording through the live stream processor
 * ({@link org.ssechat.replay.RecordingStreams}), and {@code ssechat replay}
 * ({@link org.ssechat.replay.Replayer}). Plain Java: the CLI and the REPL wire it.
 */
package org.ssechat.replay;
