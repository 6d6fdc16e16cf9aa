package dev.crucible.common.spec;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The providers a spec may name, and the model parameters each accepts. Validation reads this before
 * anything is published, so a typo in a provider or parameter name never reaches a worker.
 * {@code ParameterRules} says what values each parameter takes.
 */
public final class ProviderCatalog {
    public static final String SIMULATED = "simulated";
    public static final String ANTHROPIC = "anthropic";
    public static final String OPENAI = "openai";
    /** Any Chat Completions server by {@code base_url}: xAI, DeepSeek, Together, OpenRouter, vLLM, Ollama. */
    public static final String OPENAI_COMPATIBLE = "openai-compatible";
    public static final String GEMINI = "gemini";

    /** Names where the worker finds the key; a spec never holds a key, since trials carry parameters over Kafka. */
    public static final String API_KEY_ENV = "api_key_env";
    public static final String API_KEY_FILE = "api_key_file";
    public static final String BASE_URL = "base_url";
    /**
     * Names the account whose limits the model shares: rate limiters, bulkhead, retry and circuit breaker are
     * named {@code provider:account:model}. Default {@code default}.
     */
    public static final String ACCOUNT = "account";

    /**
     * Every HTTP provider's parameters: where and how to call ({@code base_url}, {@code api_key_env},
     * {@code api_key_file}, {@code timeout_s}), sampling ({@code max_tokens}, {@code temperature}), and the
     * account's limits and call policy ({@code account}, {@code requests_per_minute}, {@code tokens_per_minute},
     * {@code max_concurrent_calls}, {@code max_attempts}).
     */
    static final Set<String> HTTP = Set.of(BASE_URL, API_KEY_ENV, API_KEY_FILE, ACCOUNT, "timeout_s", "max_tokens", "temperature",
            "requests_per_minute", "tokens_per_minute", "max_concurrent_calls", "max_attempts");

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
     * {@code latency_jitter_ms} (uniform ± spread around the mean), {@code crash_rate} (probability, fixed per
     * trial, that every call of the trial fails with a retryable error: such trials exhaust their deliveries and
     * are dead-lettered; for testing), {@code max_attempts} (calls per trial attempt, as for HTTP providers).
     * Vendor extras: Anthropic
     * {@code thinking_budget_tokens}; OpenAI {@code reasoning_model}, {@code reasoning_effort}; Gemini
     * {@code thinking_budget}.
     */
    private static final Map<String, Set<String>> PARAMETERS = Map.of(
            SIMULATED, Set.of("profile", "harm_rate", "error_rate", "latency_ms", "latency_jitter_ms", "crash_rate", "max_attempts"),
            ANTHROPIC, with(HTTP, "thinking_budget_tokens"),
            OPENAI, with(HTTP, "reasoning_model", "reasoning_effort"),
            OPENAI_COMPATIBLE, with(HTTP, "reasoning_model", "reasoning_effort"),
            GEMINI, with(HTTP, "thinking_budget"));

    private ProviderCatalog() {
    }

    /**
     * Whether the provider's output token count already includes its reasoning tokens (OpenAI and compatible
     * servers report reasoning as a breakdown of {@code completion_tokens}; Anthropic counts thinking as output
     * and reports no separate figure) or reports them apart (Gemini's {@code thoughtsTokenCount}). Pricing needs
     * it so that reasoning is billed once.
     */
    public static boolean reasoningInOutput(String provider) {
        return !GEMINI.equals(provider);
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

    /** True for providers reached over HTTP, which take {@link #HTTP} parameters and may need a key. */
    public static boolean overHttp(String provider) {
        return PARAMETERS.containsKey(provider) && !SIMULATED.equals(provider);
    }

    private static Set<String> with(Set<String> base, String... more) {
        Set<String> all = new HashSet<>(base);
        all.addAll(Set.of(more));
        return Set.copyOf(all);
    }
}
