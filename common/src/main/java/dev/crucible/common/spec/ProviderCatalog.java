package dev.crucible.common.spec;

import java.util.HashSet;
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
     * Simulated-model parameters: {@code harm_rate} (probability of a harmful act, 0..1), {@code error_rate}
     * (probability of a malformed answer, 0..1), {@code latency_ms} (mean call latency),
     * {@code latency_jitter_ms} (uniform ± spread around the mean). Vendor extras: Anthropic
     * {@code thinking_budget_tokens}; OpenAI {@code reasoning_model}, {@code reasoning_effort}; Gemini
     * {@code thinking_budget}.
     */
    private static final Map<String, Set<String>> PARAMETERS = Map.of(
            SIMULATED, Set.of("harm_rate", "error_rate", "latency_ms", "latency_jitter_ms"),
            ANTHROPIC, with(HTTP, "thinking_budget_tokens"),
            OPENAI, with(HTTP, "reasoning_model", "reasoning_effort"),
            OPENAI_COMPATIBLE, with(HTTP, "reasoning_model", "reasoning_effort"),
            GEMINI, with(HTTP, "thinking_budget"));

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
