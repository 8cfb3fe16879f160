package org.orchestrator.server.cli;

/**
 * A CLI command shipped in a jar of its own (the benchmark harness, orchestrator-bench), so that
 * the production jar carries no code it never runs. Implementations are picocli
 * {@code @Command} classes with a public no-argument constructor, listed in
 * {@code META-INF/services/org.orchestrator.server.cli.PluginCommand}; {@link Main} adds every one
 * it finds on the class path as a subcommand under its {@code @Command} name.
 */
public interface PluginCommand {
}
