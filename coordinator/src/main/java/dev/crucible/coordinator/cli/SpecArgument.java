package dev.crucible.coordinator.cli;

import dev.crucible.common.spec.SpecException;
import dev.crucible.common.spec.SpecLoader;
import dev.crucible.common.spec.SweepSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The SPEC argument of the commands that read a spec (a picocli mixin), and their output streams, which
 * tests capture through the command line's {@code setOut}/{@code setErr}.
 */
final class SpecArgument {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Parameters(index = "0", paramLabel = "SPEC", description = "the sweep spec (YAML)")
    Path path;

    /** @return the spec, or empty after printing every problem (the command then exits with 2) */
    Optional<SweepSpec> load() {
        try {
            return Optional.of(SpecLoader.load(path));
        } catch (SpecException e) {
            err().println("crucible: invalid sweep spec, nothing was published:");
            err().println(e.getMessage());
            return Optional.empty();
        }
    }

    PrintWriter out() {
        return command.commandLine().getOut();
    }

    PrintWriter err() {
        return command.commandLine().getErr();
    }
}
