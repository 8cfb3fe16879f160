package org.orchestrator.server.cli;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.orchestrator.server.config.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code config list}: the settings a server started here would run with, from the environment and {@code --home}. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "The effective configuration.",
        subcommands = ConfigCommand.ListConfig.class)
final class ConfigCommand {

    private ConfigCommand() {
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Print the effective settings (ORCHESTRATOR_* environment and --home, defaults filled in); passwords masked.")
    static final class ListConfig implements Callable<Integer> {
        @Mixin HomeOptions home;
        @Mixin OutputOptions output;

        @Override
        public Integer call() throws ReflectiveOperationException {
            output.print(List.of("setting", "value"), rows(home.config()));
            return 0;
        }
    }

    /** Every component of the settings record, so a new setting is listed without touching this command. */
    static List<Map<String, Object>> rows(ServerConfig config) throws ReflectiveOperationException {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RecordComponent component : ServerConfig.class.getRecordComponents()) {
            Object value = component.getAccessor().invoke(config);
            boolean secret = component.getName().toLowerCase(Locale.ROOT).contains("password");
            rows.add(OutputOptions.row("setting", component.getName(),
                    "value", secret && !String.valueOf(value).isEmpty() ? "***" : String.valueOf(value)));
        }
        return rows;
    }
}
