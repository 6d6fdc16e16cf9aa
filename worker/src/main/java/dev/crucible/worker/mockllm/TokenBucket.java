package dev.crucible.worker.mockllm;

import java.time.InstantSource;

/**
 * The limit mock-llm enforces: {@code capacity} requests at once, refilled continuously at {@code perMinute}.
 * Thread-safe (synchronized: one bucket, short critical sections).
 */
final class TokenBucket {
    /** A taken or refused request, with what the rate-limit headers report. */
    record Take(boolean allowed, long remaining, long millisUntilNext, long millisUntilFull) {
    }

    private final double capacity;
    private final double perMilli;
    private final InstantSource clock;
    private double tokens;
    private long last;

    TokenBucket(double perMinute, double capacity, InstantSource clock) {
        this.capacity = capacity;
        this.perMilli = perMinute / 60_000.0;
        this.clock = clock;
        this.tokens = capacity;
        this.last = clock.millis();
    }

    synchronized Take take() {
        long now = clock.millis();
        tokens = Math.min(capacity, tokens + (now - last) * perMilli);
        last = now;
        boolean allowed = tokens >= 1;
        if (allowed) {
            tokens -= 1;
        }
        long untilNext = tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) / perMilli);
        long untilFull = (long) Math.ceil((capacity - tokens) / perMilli);
        return new Take(allowed, (long) Math.floor(tokens), untilNext, untilFull);
    }
}
