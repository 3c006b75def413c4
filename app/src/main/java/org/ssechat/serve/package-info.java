/**
 * {@code ssechat serve}: a local OpenAI-compatible HTTP server that answers from recordings
 * ({@link org.ssechat.serve.RecordingServer}, options in {@link org.ssechat.serve.ServeOptions}).
 * Plain Java on the JDK's {@code com.sun.net.httpserver}.
 */
package org.ssechat.serve;
