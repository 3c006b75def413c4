/**
 * Making untrusted text safe to show: {@link org.ssechat.text.TerminalText} maps control
 * characters and bidi overrides in model output, server-sent names and messages to visible,
 * inert characters before they reach a terminal or a log.
 *
 * <p>Dependency-free and allocation-free on the streaming path, so the app (renderer, errors,
 * logs, {@code /history}, {@code /models}, replay, the serve log) and the benchmarks share one
 * policy. See {@code docs/security.md}, "Untrusted text".
 */
package org.ssechat.text;
