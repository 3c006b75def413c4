/**
 * Command-line plumbing shared by every command: {@link org.ssechat.cli.SimpleCommand} (a Spring
 * Shell command from a lambda), {@link org.ssechat.cli.Argv} (the one parser of process
 * arguments into a {@code ParsedInput}) and {@link org.ssechat.cli.Args} (typed reads of a
 * parsed command line against the options the command declares). A command declares its options
 * once; both the REPL line parser and {@code Argv} produce the {@code ParsedInput} that
 * {@code Args} reads.
 */
package org.ssechat.cli;
