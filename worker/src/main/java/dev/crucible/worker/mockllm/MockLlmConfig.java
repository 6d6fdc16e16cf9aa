package dev.crucible.worker.mockllm;

/**
 * How mock-llm behaves. Immutable; validated on construction; {@link #defaults()} answers at once, without
 * limits or faults.
 *
 * @param port              TCP port on the loopback address; 0 picks a free one
 * @param latency           answer latency
 * @param requestsPerMinute the enforced request limit (a token bucket); 0 for none
 * @param burst             the bucket's size: requests allowed at once after a quiet spell (default: one
 *                          second's worth of the limit, at least 1)
 * @param serverErrorRate   probability of a 500
 * @param overloadRate      probability of a 529 (Anthropic) or 503
 * @param timeoutRate       probability of holding a request for {@code hangMs} without answering
 * @param truncateRate      probability of a body cut short
 * @param hangMs            how long a timed-out request is held
 * @param harmRate          the simulated model's harm rate
 * @param apiKey            when set, requests must carry this key in the format's header or get a 401
 * @param seed              seeds latency and fault draws
 */
public record MockLlmConfig(int port, LatencyDistribution latency, double requestsPerMinute, double burst, double serverErrorRate,
        double overloadRate, double timeoutRate, double truncateRate, long hangMs, double harmRate, String apiKey, long seed) {

    public MockLlmConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (requestsPerMinute < 0 || burst < 0 || hangMs < 0) {
            throw new IllegalArgumentException("requestsPerMinute, burst and hangMs must be >= 0");
        }
        for (double rate : new double[] {serverErrorRate, overloadRate, timeoutRate, truncateRate, harmRate}) {
            if (rate < 0 || rate > 1) {
                throw new IllegalArgumentException("rates must be from 0 to 1, got " + rate);
            }
        }
        if (serverErrorRate + overloadRate + timeoutRate + truncateRate > 1) {
            throw new IllegalArgumentException("fault rates add up to more than 1");
        }
        latency = latency == null ? LatencyDistribution.none() : latency;
        if (burst == 0 && requestsPerMinute > 0) {
            burst = Math.max(1, requestsPerMinute / 60);
        }
    }

    public static MockLlmConfig defaults() {
        return new MockLlmConfig(0, LatencyDistribution.none(), 0, 0, 0, 0, 0, 0, 30_000, 0.5, null, 0);
    }

    public MockLlmConfig withPort(int value) {
        return new MockLlmConfig(value, latency, requestsPerMinute, burst, serverErrorRate, overloadRate, timeoutRate, truncateRate, hangMs,
                harmRate, apiKey, seed);
    }

    public MockLlmConfig withLatency(LatencyDistribution value) {
        return new MockLlmConfig(port, value, requestsPerMinute, burst, serverErrorRate, overloadRate, timeoutRate, truncateRate, hangMs,
                harmRate, apiKey, seed);
    }

    /** A limit with the default burst (one second's worth). */
    public MockLlmConfig withRequestsPerMinute(double value) {
        return new MockLlmConfig(port, latency, value, 0, serverErrorRate, overloadRate, timeoutRate, truncateRate, hangMs, harmRate,
                apiKey, seed);
    }

    public MockLlmConfig withBurst(double value) {
        return new MockLlmConfig(port, latency, requestsPerMinute, value, serverErrorRate, overloadRate, timeoutRate, truncateRate, hangMs,
                harmRate, apiKey, seed);
    }

    public MockLlmConfig withFaults(double serverError, double overload, double timeout, double truncate) {
        return new MockLlmConfig(port, latency, requestsPerMinute, burst, serverError, overload, timeout, truncate, hangMs, harmRate,
                apiKey, seed);
    }

    public MockLlmConfig withHangMs(long value) {
        return new MockLlmConfig(port, latency, requestsPerMinute, burst, serverErrorRate, overloadRate, timeoutRate, truncateRate, value,
                harmRate, apiKey, seed);
    }

    public MockLlmConfig withHarmRate(double value) {
        return new MockLlmConfig(port, latency, requestsPerMinute, burst, serverErrorRate, overloadRate, timeoutRate, truncateRate, hangMs,
                value, apiKey, seed);
    }

    public MockLlmConfig withApiKey(String value) {
        return new MockLlmConfig(port, latency, requestsPerMinute, burst, serverErrorRate, overloadRate, timeoutRate, truncateRate, hangMs,
                harmRate, value, seed);
    }

    public MockLlmConfig withSeed(long value) {
        return new MockLlmConfig(port, latency, requestsPerMinute, burst, serverErrorRate, overloadRate, timeoutRate, truncateRate, hangMs,
                harmRate, apiKey, value);
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "MockLlmConfig[port=" + port + ", latency=" + latency + ", requestsPerMinute=" + requestsPerMinute + ", burst=" + burst
                + ", serverErrorRate=" + serverErrorRate + ", overloadRate=" + overloadRate + ", timeoutRate=" + timeoutRate
                + ", truncateRate=" + truncateRate + ", hangMs=" + hangMs + ", harmRate=" + harmRate
                + ", apiKey=" + (apiKey == null ? "none" : "[secret]") + ", seed=" + seed + "]";
    }
}
