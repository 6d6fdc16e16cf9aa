package dev.crucible.coordinator.observe;

import dev.crucible.coordinator.aggregate.Aggregator;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * {@code crucible_sweep_trials{sweep,state}}: one sweep's trials as its coordinator counts them — {@code total},
 * {@code done} (counted: a result or a dead letter), {@code results}, {@code errors} (results with status error, or
 * whose classifier could not decide),
 * {@code dead_lettered} (no result) and {@code duplicates} (extra results of a trial, ignored). Read from the
 * aggregator's counters at scrape time; removed when the sweep's run ends.
 */
public final class SweepGauges implements AutoCloseable {
    private final MeterRegistry registry;
    private final List<Gauge> gauges = new ArrayList<>();

    private SweepGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    public static SweepGauges bind(MeterRegistry registry, String sweepId, long total, Aggregator results) {
        SweepGauges bound = new SweepGauges(registry);
        bound.add(sweepId, "total", results, a -> total);
        bound.add(sweepId, "done", results, Aggregator::counted);
        bound.add(sweepId, "results", results, Aggregator::results);
        bound.add(sweepId, "errors", results, Aggregator::errors);
        bound.add(sweepId, "dead_lettered", results, Aggregator::deadLettered);
        bound.add(sweepId, "duplicates", results, Aggregator::duplicates);
        return bound;
    }

    private void add(String sweepId, String state, Aggregator results, ToDoubleFunction<Aggregator> value) {
        gauges.add(Gauge.builder("crucible.sweep.trials", results, value).description("A sweep's trials by state, as its coordinator counts them")
                .tags("sweep", sweepId, "state", state).register(registry));
    }

    @Override
    public void close() {
        gauges.forEach(registry::remove);
    }
}
