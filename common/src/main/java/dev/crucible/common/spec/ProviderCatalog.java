package dev.crucible.common.spec;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The providers a spec may name, and the model parameters each accepts. Validation reads this before
 * anything is published, so a typo in a provider or parameter name never reaches a worker.
 */
public final class ProviderCatalog {
    public static final String SIMULATED = "simulated";

    /**
     * The simulated model's built-in behaviour profiles, one per stand-in for a model of the published study.
     * Each is a named set of rates (the worker's {@code SimulatedProfiles} holds them and checks at start-up
     * that its names are exactly these); the names say plainly that they are simulations.
     */
    public static final List<String> SIMULATED_PROFILES = List.of(
            "sim-opus-4", "sim-sonnet-4", "sim-sonnet-3.7", "sim-sonnet-3.6", "sim-haiku-3.5",
            "sim-gemini-2.5-flash", "sim-gemini-2.5-pro", "sim-gpt-4.1", "sim-gpt-4.5-preview", "sim-gpt-4o",
            "sim-o3", "sim-o4-mini", "sim-grok-3-beta", "sim-deepseek-r1", "sim-llama-4-maverick", "sim-qwen3-235b");

    /**
     * Simulated-model parameters: {@code profile} (one of {@link #SIMULATED_PROFILES}: harm, refusal and
     * malformed-answer rates by scenario and pressure, and evaluation-awareness behaviour), {@code harm_rate}
     * (probability of a harmful act under a threat or goal conflict, 0..1; overrides the profile's),
     * {@code error_rate} (probability of a malformed answer, 0..1; overrides the profile's; for the simulated
     * judge, of an answer outside the judge's format), {@code latency_ms} (mean call latency),
     * {@code latency_jitter_ms} (uniform ± spread around the mean).
     */
    private static final Map<String, Set<String>> PARAMETERS = Map.of(
            SIMULATED, Set.of("profile", "harm_rate", "error_rate", "latency_ms", "latency_jitter_ms"));

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
