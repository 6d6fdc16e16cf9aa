package dev.crucible.coordinator.cli;

import dev.crucible.coordinator.bench.ResumeBench;
import dev.crucible.coordinator.bench.ResumeBenchConfig;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench-resume", description = {
        "Measures a coordinator's heap and its rebuild time when resuming a large sweep, in child JVMs with a capped heap.",
        "Leaves a simulated sweep's N results and a full fan-out checkpoint on the broker, runs `crucible resume` with -Xmx,",
        "and prints the time to rebuild state, the time to write the outputs, the peak heap after GC and the exit code;",
        "then the same for a coordinator fanning out a zero-latency sweep to in-process workers.",
        "Targets: rebuild < 30 s, heap < the limit. Exit code 0 when met and every output is right, 1 otherwise."})
final class BenchResumeCommand implements Callable<Integer> {

    @Option(names = "--trials", defaultValue = "" + ResumeBenchConfig.DEFAULT_TRIALS, description = "trials of the resumed sweep (default: ${DEFAULT-VALUE})")
    long trials;

    @Option(names = "--fan-out-trials", defaultValue = "" + ResumeBenchConfig.DEFAULT_FAN_OUT_TRIALS,
            description = "trials of the fanned-out sweep, 0 to skip it (default: ${DEFAULT-VALUE})")
    long fanOutTrials;

    @Option(names = "--heap-mb", defaultValue = "" + ResumeBenchConfig.DEFAULT_HEAP_MB, description = "the coordinators' -Xmx and heap target (default: ${DEFAULT-VALUE})")
    int heapMb;

    @Option(names = "--window", defaultValue = "20000", description = "the fan-out's window, as `crucible run --window` (default: ${DEFAULT-VALUE})")
    long window;

    @Option(names = "--workers", defaultValue = "2", description = "in-process workers consuming the fan-out (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "an existing Kafka cluster (default: an embedded broker on a temporary directory)")
    String bootstrap;

    @Option(names = "--runs-dir", paramLabel = "DIR", description = "keep outputs, GC logs and the coordinators' stderr here (default: a temporary directory, deleted afterwards)")
    Path runsDir;

    @Override
    public Integer call() throws Exception {
        ResumeBenchConfig config;
        try {
            config = new ResumeBenchConfig(trials, fanOutTrials, heapMb, window, workers, Optional.ofNullable(bootstrap), Optional.ofNullable(runsDir));
        } catch (IllegalArgumentException e) {
            System.err.println("crucible: " + e.getMessage());
            return Crucible.EXIT_INVALID_INPUT;
        }
        return new ResumeBench(config, System.out).run() ? 0 : Crucible.EXIT_FAILED;
    }
}
