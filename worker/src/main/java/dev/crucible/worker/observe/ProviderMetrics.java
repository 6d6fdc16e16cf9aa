package dev.crucible.worker.observe;

import dev.crucible.common.spec.ModelSpec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the model calls did, judge calls included, as meters: {@code crucible_provider_call_duration_seconds{provider,model,outcome}}
 * (one sample per HTTP attempt, retries included), {@code crucible_provider_retries_total{provider,model}} and
 * {@code crucible_provider_rate_limited_total{provider,model}} (rate-limit answers, HTTP 429). {@code model} is the
 * spec's {@code provider/name}, as on the trial meters; {@code outcome} is {@code ok} or the failure's kind
 * ({@code transient}, {@code rate_limited}, {@code request}, {@code quota_exhausted}). Thread-safe.
 */
public final class ProviderMetrics {
    public static final String OK = "ok";
    /** Models come from specs, so there are few; the bound only keeps a long-lived worker from growing. */
    private static final int MAX_MODELS = 256;
    private static final Duration[] CALL_BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5)};

    private final MeterRegistry registry;
    private final Meter.MeterProvider<Timer> calls;
    private final Meter.MeterProvider<Counter> retries;
    private final Meter.MeterProvider<Counter> rateLimited;
    private final Map<String, ModelMeters> byModel = new ConcurrentHashMap<>();

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
        meters(model).call(outcome).record(took);
    }

    public void retry(ModelSpec model) {
        meters(model).retries.increment();
    }

    public void rateLimited(ModelSpec model) {
        meters(model).rateLimited.increment();
    }

    private ModelMeters meters(ModelSpec model) {
        String id = model.id();
        ModelMeters meters = byModel.get(id);
        if (meters == null) {
            if (byModel.size() >= MAX_MODELS) {
                byModel.clear();
            }
            meters = byModel.computeIfAbsent(id, i -> new ModelMeters(Tags.of("provider", model.provider(), "model", i)));
        }
        return meters;
    }

    /** One model's meters, resolved once rather than looked up by tags on every call. */
    private final class ModelMeters {
        final Tags tags;
        final Counter retries;
        final Counter rateLimited;
        // outcomes are a handful of failure kinds; registered when first seen, as before
        private final Map<String, Timer> calls = new ConcurrentHashMap<>();

        ModelMeters(Tags tags) {
            this.tags = tags;
            this.retries = ProviderMetrics.this.retries.withTags(tags);
            this.rateLimited = ProviderMetrics.this.rateLimited.withTags(tags);
        }

        Timer call(String outcome) {
            Timer timer = calls.get(outcome);
            return timer != null ? timer : calls.computeIfAbsent(outcome, o -> ProviderMetrics.this.calls.withTags(tags.and("outcome", o)));
        }
    }
}
