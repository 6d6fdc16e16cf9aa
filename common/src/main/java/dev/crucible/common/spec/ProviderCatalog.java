package dev.crucible.common.spec;

import java.util.Map;
import java.util.Set;

/**
 * The providers a spec may name, and the model parameters each accepts. Validation reads this before
 * anything is published, so a typo in a provider or parameter name never reaches a worker.
 */
public final class ProviderCatalog {
    public static final String SIMULATED = "simulated";

    /**
     * Simulated-model parameters: {@code harm_rate} (probability of a harmful act, 0..1), {@code error_rate}
     * (probability of a malformed answer, 0..1), {@code latency_ms} (mean call latency),
     * {@code latency_jitter_ms} (uniform ± spread around the mean).
     */
    private static final Map<String, Set<String>> PARAMETERS = Map.of(
            SIMULATED, Set.of("harm_rate", "error_rate", "latency_ms", "latency_jitter_ms"));

    private ProviderCatalog() {
    }

    public static Set<String> providers() {
        return PARAMETERS.keySet();
    }

    public static boolean knows(String provider) {
        return PARAMETERS.containsKey(provider);
    }

    public static Set<String> parameters(String provider) {
        return PARAMETERS.getOrDefault(provider, Set.of());
    }
}
