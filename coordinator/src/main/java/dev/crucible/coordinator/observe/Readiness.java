package dev.crucible.coordinator.observe;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * Whether a process is ready for work, as {@code GET /health/ready} reports it: every check that its parts
 * registered holds (a worker: its consumers joined the share group and it is not draining; a coordinator: it
 * reached Kafka). No check registered yet means not ready. Thread-safe.
 */
public final class Readiness {
    private final List<BooleanSupplier> checks = new CopyOnWriteArrayList<>();

    public void require(BooleanSupplier check) {
        checks.add(check);
    }

    public boolean ready() {
        return !checks.isEmpty() && checks.stream().allMatch(BooleanSupplier::getAsBoolean);
    }
}
