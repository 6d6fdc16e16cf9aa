package dev.crucible.coordinator.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * The {@code crucible} command line. Exit codes: 0 done (a sweep completed), 1 failed, 2 invalid input (nothing was
 * published), 3 the sweep is paused (by a person or its budget), 4 the sweep is cancelled.
 */
// INHERIT: `crucible <command> --help` works too, as the README says
@Command(name = "crucible", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, version = "crucible 0.1.0",
        description = "Runs red-team sweeps of LLM agents over Apache Kafka.",
        subcommands = {RunCommand.class, ResumeCommand.class, WorkerCommand.class, PlanCommand.class, PromptsCommand.class,
                DlqCommand.class, ReportCommand.class, StatusCommand.class, PauseCommand.class, CancelCommand.class, BenchCommand.class,
                BenchResumeCommand.class, MockLlmCommand.class, BenchLimitsCommand.class, BrokerCommand.class})
public final class Crucible {
    public static final int EXIT_COMPLETED = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_INVALID_INPUT = 2;
    public static final int EXIT_PAUSED = 3;
    public static final int EXIT_CANCELLED = 4;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        Logging.quietByDefault();
        return commandLine().execute(args);
    }

    /** The configured command line; tests redirect its output with {@code setOut}/{@code setErr}. */
    static CommandLine commandLine() {
        return new CommandLine(new Crucible()).setExitCodeExceptionMapper(e -> EXIT_FAILED);
    }
}
