package dev.crucible.worker.observe;

import dev.crucible.common.spec.ModelSpec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;

/**
 * What the model calls did, judge calls included, as meters: {@code crucible_provider_call_duration_seconds{provider,model,outcome}}
 * (one sample per HTTP attempt, retries included), {@code crucible_provider_retries_total{provider,model}} and
 * {@code crucible_provider_rate_limited_total{provider,model}} (rate-limit answers, HTTP 429). {@code model} is the
 * spec's {@code provider/name}, as on the trial meters; {@code outcome} is {@code ok} or the failure's kind
 * ({@code transient}, {@code rate_limited}, {@code request}, {@code quota_exhausted}). Thread-safe.
 */
public final class ProviderMetrics {
    public static final String OK = "ok";
    private static final Duration[] CALL_BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5)};

    private final MeterRegistry registry;
    private final Meter.MeterProvider<Timer> calls;
    private final Meter.MeterProvider<Counter> retries;
    private final Meter.MeterProvider<Counter> rateLimited;

    public ProviderMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.calls = Timer.builder("crucible.provider.call.duration").description("HTTP calls to model providers, each attempt on its own")
                .serviceLevelObjectives(CALL_BUCKETS).withRegistry(registry);
        this.retries = Counter.builder("crucible.provider.retries").description("Model calls tried again after a failure")
                .withRegistry(registry);
        this.rateLimited = Counter.builder("crucible.provider.rate.limited")
                .description("Rate-limit answers (HTTP 429) from model providers").withRegistry(registry);
    }

    /** Meters that go nowhere. */
    public static ProviderMetrics none() {
        return new ProviderMetrics(new CompositeMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** One HTTP attempt ended with {@code outcome} ({@link #OK} or a failure kind's type) after {@code took}. */
    public void call(ModelSpec model, String outcome, Duration took) {
        calls.withTags(tags(model).and("outcome", outcome)).record(took);
    }

    public void retry(ModelSpec model) {
        retries.withTags(tags(model)).increment();
    }

    public void rateLimited(ModelSpec model) {
        rateLimited.withTags(tags(model)).increment();
    }

    private static Tags tags(ModelSpec model) {
        return Tags.of("provider", model.provider(), "model", model.id());
    }
}
