package dev.crucible.coordinator.cli;

import dev.crucible.common.spec.SpecException;
import dev.crucible.common.spec.SpecLoader;
import dev.crucible.common.spec.SweepSpec;
import dev.crucible.common.trial.Sweep;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "run", description = {
        "Runs a sweep spec to completion and writes runs/<sweepId>/results.jsonl and summary.csv.",
        "Without --bootstrap: starts an in-process Kafka broker (data in <runs-dir>/.kafka, kept for resuming) and in-process workers.",
        "A spec whose sweep already exists resumes it."})
final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SPEC", description = "the sweep spec (YAML)")
    Path spec;

    @Mixin
    SweepOptions options;

    @Override
    public Integer call() throws Exception {
        SweepSpec sweepSpec;
        try {
            // validated before any broker is started or reached: a bad spec publishes nothing
            sweepSpec = SpecLoader.load(spec);
        } catch (SpecException e) {
            System.err.println("crucible: invalid sweep spec, nothing was published:");
            System.err.println(e.getMessage());
            return Crucible.EXIT_INVALID_INPUT;
        }
        Sweep sweep = Sweep.of(sweepSpec);
        return options.run(System.out, (bootstrap, topics) -> sweep);
    }
}
