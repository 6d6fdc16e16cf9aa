package dev.crucible.worker.policy;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import java.time.Duration;

/**
 * This worker's share of one account limit, as a Resilience4j {@link RateLimiter}: the account's rate ÷ the
 * live workers, rebuilt when either changes (the worker count, or a lower limit the provider reported).
 * Permits come in small, evenly spaced refills — a tenth of a second's worth for requests — so that many
 * workers starting together never burst past a provider's bucket. Thread-safe.
 */
final class Pacer {
    private static final Duration MAX_WAIT = Duration.ofMinutes(10);

    private record Current(double perMinute, int workers, RateLimiter limiter) {
    }

    private final String name;
    private final double refillSeconds;
    private final FleetShare share;
    private final RateLimiterRegistry registry;
    private volatile double perMinute;
    private volatile Current current;

    /**
     * @param refillSeconds the spacing of refills, as a share of a second (0.1 for requests)
     * @param registry      where the current limiter is registered under {@code name}, for its meters
     */
    Pacer(String name, double perMinute, double refillSeconds, FleetShare share, RateLimiterRegistry registry) {
        this.registry = registry;
        this.name = name;
        this.perMinute = perMinute;
        this.refillSeconds = refillSeconds;
        this.share = share;
    }

    boolean limited() {
        return perMinute > 0;
    }

    /** Blocks until {@code permits} are granted (capped at one refill, so a large request cannot wait forever). */
    void acquire(int permits) {
        if (!limited()) {
            return;
        }
        RateLimiter limiter = limiter();
        int capped = Math.min(permits, limiter.getRateLimiterConfig().getLimitForPeriod());
        if (!limiter.acquirePermission(capped)) {
            throw RequestNotPermitted.createRequestNotPermitted(limiter);
        }
    }

    /** The provider reported the account's real limit: a lower one than configured wins. */
    void observeLimit(long providerPerMinute) {
        if (providerPerMinute > 0 && limited() && providerPerMinute < perMinute) {
            perMinute = providerPerMinute;
        }
    }

    /** Requests per second this worker may send now. */
    double workerRatePerSecond() {
        return perMinute / 60.0 / Math.max(1, share.liveWorkers());
    }

    private RateLimiter limiter() {
        int workers = Math.max(1, share.liveWorkers());
        Current now = current;
        if (now == null || now.workers() != workers || now.perMinute() != perMinute) {
            now = rebuild(workers);
        }
        return now.limiter();
    }

    // one rebuild at a time: two limiters side by side would each grant the full share
    private synchronized Current rebuild(int workers) {
        Current now = current;
        if (now == null || now.workers() != workers || now.perMinute() != perMinute) {
            now = new Current(perMinute, workers, build(perMinute / 60.0 / workers));
            current = now;
        }
        return now;
    }

    private RateLimiter build(double perSecond) {
        int permits = (int) Math.max(1, Math.floor(perSecond * refillSeconds));
        // the period follows the whole permits, so the rate is exact however small the share
        long periodNanos = Math.max(1, Math.round(permits * 1e9 / perSecond));
        registry.remove(name);
        return registry.rateLimiter(name, RateLimiterConfig.custom()
                .limitForPeriod(permits)
                .limitRefreshPeriod(Duration.ofNanos(periodNanos))
                .timeoutDuration(MAX_WAIT)
                .build());
    }
}
