/**
 * Start-up and wiring: {@link org.ssechat.app.SsechatApplication} splits the command line
 * ({@link org.ssechat.app.LaunchArgs}), starts Spring in REPL or one-shot mode, and
 * {@link org.ssechat.app.SsechatConfiguration} replaces Spring Shell's parser, completer, history,
 * registry and runners. {@link org.ssechat.app.Backends} maps settings to a chat backend.
 */
package org.ssechat.app;
