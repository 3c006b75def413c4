/**
 * The failure vocabulary, shared by every command: {@link org.ssechat.failure.Failures} makes the
 * one-line, redacted message a user sees; {@link org.ssechat.failure.ExitCodes} is the one table
 * of process exit codes; {@link org.ssechat.failure.UsageException} marks a bad command line;
 * {@link org.ssechat.failure.Secrets} masks and redacts API keys. The lowest layer of the app:
 * it depends on nothing else in it.
 */
package org.ssechat.failure;
