/**
 * A byte-level, chunking-proof Server-Sent Events parser (WHATWG HTML §9.2.5–9.2.6).
 *
 * <p>Push bytes in with {@link org.ssechat.sse.SseParser#feed(byte[], int, int)}, get events out
 * through an {@link org.ssechat.sse.SseListener}. The parser does no I/O and has no dependencies.
 * Implementations are found by name through {@link org.ssechat.sse.SseParsers} (a
 * {@link java.util.ServiceLoader} SPI); {@code zero-copy} is the default.
 *
 * <p>Everything handed to a listener is a <em>borrowed view</em>, valid only until the callback
 * returns; copy (or call the {@code String} accessors) to keep it.
 */
package org.ssechat.sse;
