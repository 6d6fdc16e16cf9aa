package dev.crucible.coordinator.cli;

import dev.crucible.coordinator.bench.LimitBench;
import dev.crucible.coordinator.broker.EmbeddedKafkaBroker;
import dev.crucible.worker.mockllm.LatencyDistribution;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench-limits", description = {
        "Measures the fleet's use of one account limit and its call-slot utilisation, on the embedded broker and mock-llm.",
        "Rate-limit use = achieved requests/min ÷ the limit, with 1, 2 and 4 worker processes; targets >= 0.97 and < 1% 429s.",
        "Slot utilisation = busy call slots ÷ slots under lognormal latency (2-60 s, scaled); target >= 0.90."})
final class BenchLimitsCommand implements Callable<Integer> {

    @Option(names = "--rpm", defaultValue = "1200", description = "the limit mock-llm enforces, requests/min (default: ${DEFAULT-VALUE})")
    double rpm;

    @Option(names = "--workers", split = ",", defaultValue = "1,2,4", description = "worker process counts to run (default: ${DEFAULT-VALUE})")
    List<Integer> workers;

    @Option(names = "--seconds", defaultValue = "30", description = "measured window per run (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--latency", defaultValue = "fixed:50", description = "mock-llm latency in the rate runs (default: ${DEFAULT-VALUE})")
    String latency;

    @Option(names = "--slots", defaultValue = "32", description = "call slots (max_concurrent_calls) in the slot run; 0 skips it (default: ${DEFAULT-VALUE})")
    int slots;

    @Option(names = "--slot-latency", defaultValue = "lognormal:2000:60000", description = "latency in the slot run (default: ${DEFAULT-VALUE})")
    String slotLatency;

    @Option(names = "--slot-scale", defaultValue = "0.01", description = "scales the slot run's latency (default: ${DEFAULT-VALUE})")
    double slotScale;

    @Override
    public Integer call() throws Exception {
        Path jar = Path.of(BenchLimitsCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isRegularFile(jar)) {
            System.err.println("crucible bench-limits: run it from the packaged CLI (./crucible bench-limits), which starts worker processes");
            return Crucible.EXIT_INVALID_INPUT;
        }
        Path dir = Files.createTempDirectory("crucible-bench-limits");
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"))) {
            LimitBench bench = new LimitBench(broker.bootstrapServers(), jar, dir);
            System.out.printf("rate-limit use: mock-llm enforcing %.0f requests/min, latency %s, %d s measured per run%n", rpm, latency, seconds);
            System.out.printf("%-8s %12s %10s %10s %8s %8s%n", "workers", "achieved/min", "use", "requests", "429s", "429 %");
            for (int n : workers) {
                LimitBench.RateRun run = bench.rateLimit(n, rpm, LatencyDistribution.parse(latency, 1), seconds, 5);
                System.out.printf("%-8d %12.1f %10.3f %10d %8d %7.2f%%%n", n, run.achievedPerMinute(), run.use(), run.requests(), run.rateLimited(),
                        100 * run.share429());
            }
            if (slots > 0) {
                LimitBench.SlotRun run = bench.slots(slots, LatencyDistribution.parse(slotLatency, slotScale), seconds, 5);
                System.out.printf("%nslot utilisation: %d slots, latency %s x %s: mean busy %.2f -> utilisation %.3f (%d calls answered)%n",
                        slots, slotLatency, slotScale, run.meanBusy(), run.utilisation(), run.answered());
            }
        }
        return 0;
    }
}
