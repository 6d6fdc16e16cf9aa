package dev.crucible.coordinator.cli;

import dev.crucible.common.spec.SweepSpec;
import dev.crucible.common.trial.Sweep;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "run", description = {
        "Runs a sweep spec to completion and writes runs/<sweepId>/results.jsonl and summary.csv.",
        "Without --bootstrap: starts an in-process Kafka broker (data in <runs-dir>/.kafka, kept for resuming) and in-process workers.",
        "A spec whose sweep already exists resumes it."})
final class RunCommand implements Callable<Integer> {

    @Mixin
    SpecArgument spec;

    @Mixin
    SweepOptions options;

    @Override
    public Integer call() throws Exception {
        // validated before any broker is started or reached: a bad spec publishes nothing
        Optional<SweepSpec> loaded = spec.load();
        if (loaded.isEmpty()) {
            return Crucible.EXIT_INVALID_INPUT;
        }
        Sweep sweep = Sweep.of(loaded.get());
        return options.run(System.out, (bootstrap, topics) -> sweep);
    }
}
