package dev.crucible.worker.policy;

import dev.crucible.common.spec.ModelSpec;
import java.time.Duration;
import java.util.Objects;

/**
 * The limits and retry rules of one model on one account. Immutable; validated on construction;
 * {@link #defaults()} suits a real API with unknown limits, {@link #forModel} applies a model's parameters
 * ({@code requests_per_minute}, {@code tokens_per_minute}, {@code max_concurrent_calls}, {@code max_attempts},
 * {@code timeout_s}) over these defaults.
 *
 * @param requestsPerMinute  the account's request limit for the model, shared by the whole fleet; 0: none
 * @param tokensPerMinute    the account's token limit (input estimate + max_tokens per call); 0: none
 * @param maxConcurrentCalls calls in flight at once in this worker (the bulkhead)
 * @param maxAttempts        HTTP attempts per trial attempt, the first included
 * @param initialBackoff     wait before the first retry when the provider suggested none; doubles per retry
 * @param maxBackoff         the longest such wait
 * @param maxRetryWait       the longest wait honoured in place; a provider asking for longer releases the
 *                           trial instead, since holding it past the share group's lock would deliver it twice
 * @param callTimeout        the time limit of one HTTP attempt, after the permits were granted
 * @param failureRate        the circuit opens above this share (percent) of failed attempts...
 * @param window             ...among the last {@code window} attempts (at least {@code window / 2} recorded)
 * @param openDuration       how long an open circuit refuses calls before trying a few
 * @param pauseDuration      how long a model stays paused after its quota or spend cap ran out
 */
public record CallPolicyConfig(double requestsPerMinute, double tokensPerMinute, int maxConcurrentCalls, int maxAttempts,
        Duration initialBackoff, Duration maxBackoff, Duration maxRetryWait, Duration callTimeout, float failureRate, int window,
        Duration openDuration, Duration pauseDuration) {

    /** Added to a provider's own request timeout, so that the provider reports its timeout before the limiter cuts it off. */
    static final Duration TIMEOUT_GRACE = Duration.ofSeconds(5);

    public CallPolicyConfig {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxRetryWait, "maxRetryWait");
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(openDuration, "openDuration");
        Objects.requireNonNull(pauseDuration, "pauseDuration");
        if (requestsPerMinute < 0 || tokensPerMinute < 0) {
            throw new IllegalArgumentException("limits must be >= 0 (0: none)");
        }
        if (maxConcurrentCalls < 1 || maxAttempts < 1 || window < 2) {
            throw new IllegalArgumentException("maxConcurrentCalls and maxAttempts must be >= 1, window >= 2");
        }
        if (failureRate <= 0 || failureRate > 100) {
            throw new IllegalArgumentException("failureRate must be in (0, 100], got " + failureRate);
        }
        if (callTimeout.isZero() || callTimeout.isNegative() || initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("callTimeout must be > 0 and 0 <= initialBackoff <= maxBackoff");
        }
    }

    public static CallPolicyConfig defaults() {
        return new CallPolicyConfig(0, 0, 64, 4, Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofSeconds(20),
                Duration.ofSeconds(300).plus(TIMEOUT_GRACE), 50, 20, Duration.ofSeconds(30), Duration.ofMinutes(10));
    }

    /** These settings with the model's own parameters applied. */
    public CallPolicyConfig forModel(ModelSpec model) {
        return new CallPolicyConfig(
                number(model, "requests_per_minute", requestsPerMinute),
                number(model, "tokens_per_minute", tokensPerMinute),
                (int) number(model, "max_concurrent_calls", maxConcurrentCalls),
                (int) number(model, "max_attempts", maxAttempts),
                initialBackoff, maxBackoff, maxRetryWait,
                model.parameters().get("timeout_s") instanceof Number s
                        ? Duration.ofMillis(Math.round(s.doubleValue() * 1000)).plus(TIMEOUT_GRACE) : callTimeout,
                failureRate, window, openDuration, pauseDuration);
    }

    public CallPolicyConfig withBackoff(Duration initial, Duration max) {
        return new CallPolicyConfig(requestsPerMinute, tokensPerMinute, maxConcurrentCalls, maxAttempts, initial, max, maxRetryWait,
                callTimeout, failureRate, window, openDuration, pauseDuration);
    }

    public CallPolicyConfig withMaxRetryWait(Duration value) {
        return new CallPolicyConfig(requestsPerMinute, tokensPerMinute, maxConcurrentCalls, maxAttempts, initialBackoff, maxBackoff, value,
                callTimeout, failureRate, window, openDuration, pauseDuration);
    }

    public CallPolicyConfig withCircuit(float rate, int calls, Duration open) {
        return new CallPolicyConfig(requestsPerMinute, tokensPerMinute, maxConcurrentCalls, maxAttempts, initialBackoff, maxBackoff,
                maxRetryWait, callTimeout, rate, calls, open, pauseDuration);
    }

    public CallPolicyConfig withCallTimeout(Duration value) {
        return new CallPolicyConfig(requestsPerMinute, tokensPerMinute, maxConcurrentCalls, maxAttempts, initialBackoff, maxBackoff,
                maxRetryWait, value, failureRate, window, openDuration, pauseDuration);
    }

    public CallPolicyConfig withPauseDuration(Duration value) {
        return new CallPolicyConfig(requestsPerMinute, tokensPerMinute, maxConcurrentCalls, maxAttempts, initialBackoff, maxBackoff,
                maxRetryWait, callTimeout, failureRate, window, openDuration, value);
    }

    private static double number(ModelSpec model, String name, double fallback) {
        return model.parameters().get(name) instanceof Number n ? n.doubleValue() : fallback;
    }
}
