package dev.crucible.coordinator.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "bench", description = "Measures sweep throughput against Kafka's ProducerPerformance on the embedded broker.")
final class BenchCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        throw new UnsupportedOperationException("bench: not yet");
    }
}
