/**
 * The interactive chat: the read loop ({@link org.ssechat.repl.ChatRepl}), slash-command routing
 * ({@link org.ssechat.repl.SlashCommandParser}, {@link org.ssechat.repl.SlashCompleter},
 * {@link org.ssechat.repl.ChatLineParser}), the commands ({@link org.ssechat.repl.ReplCommands}),
 * the current conversation ({@link org.ssechat.repl.Conversation}) and the streaming renderer
 * ({@link org.ssechat.repl.AnswerRenderer}), which replay also uses.
 */
package org.ssechat.repl;
