/**
 * The {@code offline} provider ({@link org.ssechat.offline.OfflineBackend}): a
 * {@link org.ssechat.client.ChatBackend} that streams the bundled recordings in process, the
 * default when no API key is configured.
 */
package org.ssechat.offline;
