package dev.crucible.coordinator.cli;

import dev.crucible.common.spec.SpecException;
import dev.crucible.common.spec.SpecLoader;
import dev.crucible.common.spec.SweepSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** Reads the SPEC argument of the commands that only look at a spec: every problem is printed, nothing runs. */
final class SpecArgument {
    private SpecArgument() {
    }

    /** @return the spec, or empty after printing why it was refused (the command then exits with 2) */
    static Optional<SweepSpec> load(Path path, PrintWriter err) {
        try {
            return Optional.of(SpecLoader.load(path));
        } catch (SpecException e) {
            err.println("crucible: invalid sweep spec:");
            err.println(e.getMessage());
            return Optional.empty();
        }
    }
}
