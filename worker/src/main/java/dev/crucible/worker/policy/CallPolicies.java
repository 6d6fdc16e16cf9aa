package dev.crucible.worker.policy;

import dev.crucible.common.spec.ModelSpec;
import dev.crucible.common.spec.ProviderCatalog;
import dev.crucible.worker.provider.ProviderException;
import dev.crucible.worker.provider.ProviderException.Kind;
import dev.crucible.worker.observe.ProviderMetrics;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedTimeLimiterMetrics;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The call policies of one worker, one per {@code provider:account:model} (the account is the model's
 * {@code account} parameter, default {@code default}), built on first use from {@link CallPolicyConfig#forModel}.
 * Thread-safe.
 *
 * <h2>The chain, outermost first</h2>
 * <ol>
 *   <li><b>Retry</b> — outermost, so that every attempt passes every guard below again. Retries
 *       {@link Kind#TRANSIENT} and {@link Kind#RATE_LIMITED} failures and an open circuit; waits the
 *       provider's suggested wait (retry-after, reset headers) where it gave one, else exponential backoff
 *       from {@code initialBackoff} doubling to {@code maxBackoff}, with ±50% jitter so that workers that failed
 *       together do not retry together. A suggested wait above {@code maxRetryWait} is not waited in place:
 *       the attempt ends unfinished and the trial goes back to the queue.</li>
 *   <li><b>CircuitBreaker</b> (per model) — inside the retry, so that each HTTP attempt is one sample and an
 *       open circuit stops a trial's retries at once. Only transient failures and timeouts count: a rate
 *       limit or a refused request says nothing about the model being down.</li>
 *   <li><b>Bulkhead</b> — bounds this worker's calls in flight; taken before the permits, so a call that
 *       holds a permit starts at once and the pacing below is what the provider sees.</li>
 *   <li><b>RateLimiter</b> for requests, then for tokens — innermost but for the time limit, so that every
 *       HTTP attempt, retries included, spends a permit. Each worker takes limit ÷ live workers
 *       ({@link FleetShare}); an answer whose headers report an exhausted window holds new calls until its reset.</li>
 *   <li><b>TimeLimiter</b> — around the HTTP call alone, so waiting for permits never counts against it. The call runs
 *       on the attempt's own thread, which is interrupted when the limit runs out ({@link CallDeadlines}).</li>
 * </ol>
 * A refused request ends the trial as an error; an exhausted quota pauses the model for {@code pauseDuration}.
 */
public final class CallPolicies implements AutoCloseable {
    private final CallPolicyConfig defaults;
    private final FleetShare share;
    private final InstantSource clock;
    private final FleetPauses fleetPauses;
    private final Map<String, ResilientCallPolicy> policies = new ConcurrentHashMap<>();
    private final CallDeadlines deadlines = new CallDeadlines();
    private final AtomicInteger inCall = new AtomicInteger();
    private final ProviderMetrics meters;
    // Resilience4j's registries, only so that resilience4j-micrometer publishes every instance's meters
    private final RetryRegistry retries;
    private final CircuitBreakerRegistry circuits;
    private final BulkheadRegistry bulkheads;
    private final RateLimiterRegistry rateLimiters;
    private final TimeLimiterRegistry timeLimiters;

    /** Meters that go nowhere. */
    public CallPolicies(CallPolicyConfig defaults, FleetShare share, InstantSource clock) {
        this(defaults, share, clock, ProviderMetrics.none(), "none", FleetPauses.none());
    }

    /**
     * With the provider meters and Resilience4j's own meters ({@code resilience4j_circuitbreaker_state},
     * {@code resilience4j_ratelimiter_waiting_threads}, {@code resilience4j_bulkhead_*}, {@code resilience4j_retry_calls_total},
     * {@code resilience4j_timelimiter_calls_total}; tagged {@code name} = {@code provider:account:model} and
     * {@code worker}) in {@code meters}' registry.
     * Model pauses are shared by the fleet through {@code fleetPauses}: one worker's exhausted quota pauses the model
     * for every worker.
     */
    public CallPolicies(CallPolicyConfig defaults, FleetShare share, InstantSource clock, ProviderMetrics meters, String workerId,
            FleetPauses fleetPauses) {
        this.fleetPauses = fleetPauses;
        this.defaults = defaults;
        this.share = share;
        this.clock = clock;
        this.meters = meters;
        Map<String, String> tags = Map.of("worker", workerId);
        this.retries = RetryRegistry.custom().withTags(tags).build();
        this.circuits = CircuitBreakerRegistry.custom().withTags(tags).build();
        this.bulkheads = BulkheadRegistry.custom().withTags(tags).build();
        this.rateLimiters = RateLimiterRegistry.custom().withTags(tags).build();
        this.timeLimiters = TimeLimiterRegistry.custom().withTags(tags).build();
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters.registry());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(circuits).bindTo(meters.registry());
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters.registry());
        TaggedRateLimiterMetrics.ofRateLimiterRegistry(rateLimiters).bindTo(meters.registry());
        TaggedTimeLimiterMetrics.ofTimeLimiterRegistry(timeLimiters).bindTo(meters.registry());
    }

    /** Default settings, this worker alone. */
    public static CallPolicies standard() {
        return new CallPolicies(CallPolicyConfig.defaults(), FleetShare.alone(), InstantSource.system());
    }

    /** {@code provider:account:model}. */
    public static String name(ModelSpec model) {
        Object account = model.parameters().get(ProviderCatalog.ACCOUNT);
        return model.provider() + ":" + (account instanceof String a ? a : "default") + ":" + model.name();
    }

    public CallPolicy forModel(ModelSpec model) {
        CallPolicyConfig config = defaults.forModel(model);
        String name = name(model);
        ResilientCallPolicy current = policies.get(name);
        if (current != null && current.config().equals(config)) {
            // every trial asks: no lock on the way that almost always finds the policy
            return current;
        }
        // a later sweep may give the same model other limits: the newer settings win
        return policies.compute(name, (n, existing) -> existing != null && existing.config().equals(config) ? existing : build(n, config));
    }

    /** Stops the timer of the calls' time limits; calls still running are no longer cut off. */
    @Override
    public void close() {
        deadlines.close();
    }

    /** Paused models with the reason, by policy name, whether this worker or another found the quota gone; empty when none is. */
    public Map<String, String> paused() {
        Map<String, String> paused = new TreeMap<>();
        policies.forEach((name, policy) -> {
            String reason = policy.pause();
            if (reason.isEmpty()) {
                reason = fleetPauses.find(name).map(FleetPauses.Pause::reason).orElse("");
            }
            if (!reason.isEmpty()) {
                paused.put(name, reason);
            }
        });
        return paused;
    }

    /** HTTP calls in flight in this worker right now (inside the time limiter). */
    public int callsInFlight() {
        return inCall.get();
    }

    /** The state of a model's circuit breaker (CLOSED, OPEN, HALF_OPEN...), for status and tests. */
    public String circuitState(ModelSpec model) {
        ResilientCallPolicy policy = policies.get(name(model));
        return policy == null ? "NONE" : policy.circuit().getState().name();
    }

    // a rebuilt policy (new settings for the same model) replaces the old instances and their meters
    private ResilientCallPolicy build(String name, CallPolicyConfig config) {
        retries.remove(name);
        circuits.remove(name);
        bulkheads.remove(name);
        timeLimiters.remove(name);
        ResilientCallPolicy.Chain chain = new ResilientCallPolicy.Chain(
                retries.retry(name, retryConfig(config)),
                circuits.circuitBreaker(name, circuitConfig(config)),
                bulkheads.bulkhead(name, BulkheadConfig.custom().maxConcurrentCalls(config.maxConcurrentCalls())
                        .maxWaitDuration(Duration.ofMinutes(10)).build()),
                new Pacer(name + ":requests", config.requestsPerMinute(), 0.1, share, rateLimiters),
                new Pacer(name + ":tokens", config.tokensPerMinute(), 1.0, share, rateLimiters),
                timeLimiters.timeLimiter(name, TimeLimiterConfig.custom().timeoutDuration(config.callTimeout()).cancelRunningFuture(true).build()));
        return new ResilientCallPolicy(name, config, chain, deadlines, clock, inCall, meters, fleetPauses);
    }

    static RetryConfig retryConfig(CallPolicyConfig config) {
        IntervalBiFunction<Object> interval = (attempt, outcome) -> {
            Throwable failure = outcome.isLeft() ? outcome.getLeft() : null;
            if (failure instanceof ProviderException e && e.suggestedWait().isPresent()) {
                // the provider knows when the window refills; a little jitter keeps workers from arriving together
                long wait = e.suggestedWait().get().toMillis();
                return wait + ThreadLocalRandom.current().nextLong(Math.max(1, wait / 10 + 1));
            }
            if (failure instanceof CallNotPermittedException) {
                return config.openDuration().toMillis();
            }
            double base = Math.min(config.maxBackoff().toMillis(), config.initialBackoff().toMillis() * Math.pow(2, attempt - 1));
            return Math.round(base * (0.5 + ThreadLocalRandom.current().nextDouble()));
        };
        return RetryConfig.custom()
                .maxAttempts(config.maxAttempts())
                .intervalBiFunction(interval)
                // an open circuit is waited out in place only if it reopens soon enough; else the trial goes back
                .retryOnException(e -> e instanceof CallNotPermittedException && config.openDuration().compareTo(config.maxRetryWait()) <= 0
                        || e instanceof ProviderException p && p.retryable()
                        && p.suggestedWait().map(w -> w.compareTo(config.maxRetryWait()) <= 0).orElse(true))
                .failAfterMaxAttempts(false)
                .build();
    }

    static CircuitBreakerConfig circuitConfig(CallPolicyConfig config) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(config.window())
                .minimumNumberOfCalls(Math.max(1, config.window() / 2))
                .failureRateThreshold(config.failureRate())
                .waitDurationInOpenState(config.openDuration())
                .permittedNumberOfCallsInHalfOpenState(Math.max(1, Math.min(3, config.window() / 4)))
                .recordException(e -> e instanceof ProviderException p && p.kind() == Kind.TRANSIENT)
                .build();
    }
}
