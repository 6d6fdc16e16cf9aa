package dev.crucible.worker.provider;

import dev.crucible.common.spec.ProviderCatalog;
import dev.crucible.worker.provider.anthropic.AnthropicProvider;
import dev.crucible.worker.provider.gemini.GeminiProvider;
import dev.crucible.worker.provider.http.ApiKeys;
import dev.crucible.worker.provider.http.HttpProvider;
import dev.crucible.worker.provider.openai.OpenAiProvider;
import dev.crucible.worker.provider.simulated.SimulatedProvider;
import java.net.http.HttpClient;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;

/** The provider instances of one worker, by the provider names specs use ({@link ProviderCatalog}). */
public final class ProviderRegistry {
    private final Map<String, ModelProvider> providers;

    public ProviderRegistry(Map<String, ModelProvider> providers) {
        this.providers = Map.copyOf(providers);
    }

    /** Every provider this build implements, with API keys from this process's environment. */
    public static ProviderRegistry standard() {
        return standard(ApiKeys.fromEnvironment(), InstantSource.system());
    }

    /** Every provider this build implements, sharing one HTTP client. */
    public static ProviderRegistry standard(ApiKeys keys, InstantSource clock) {
        HttpClient client = HttpProvider.sharedClient();
        return new ProviderRegistry(Map.of(
                ProviderCatalog.SIMULATED, new SimulatedProvider(),
                ProviderCatalog.ANTHROPIC, AnthropicProvider.create(client, keys, clock),
                ProviderCatalog.OPENAI, OpenAiProvider.official(client, keys, clock),
                ProviderCatalog.OPENAI_COMPATIBLE, OpenAiProvider.compatible(client, keys, clock),
                ProviderCatalog.GEMINI, GeminiProvider.create(client, keys, clock)));
    }

    public Optional<ModelProvider> find(String provider) {
        return Optional.ofNullable(providers.get(provider));
    }
}
