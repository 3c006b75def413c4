/**
 * Conversations and their files: {@link org.ssechat.session.Session} (system prompt and turns),
 * {@link org.ssechat.session.Turn} (one exchange with its outcome and metrics) and
 * {@link org.ssechat.session.SessionStore} (versioned JSON, atomic replace). Format:
 * {@code docs/usage.md}.
 */
package org.ssechat.session;
