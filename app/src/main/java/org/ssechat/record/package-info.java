/**
 * The recording format ({@code docs/recording-format.md}) in one place: {@link
 * org.ssechat.record.RecordingWriter} writes {@code NAME.sse} and its sidecar,
 * {@link org.ssechat.record.RecordingSidecar} parses a sidecar, {@link
 * org.ssechat.record.Recording} loads a body with its reads, and {@link
 * org.ssechat.record.RecordedExchange} is the request/response metadata both sides keep. Below
 * everything else in the app but the failure vocabulary.
 */
package org.ssechat.record;
