package dev.crucible.worker.provider;

import dev.crucible.common.spec.ProviderCatalog;
import dev.crucible.worker.provider.simulated.SimulatedProvider;
import java.util.Map;
import java.util.Optional;

/** The provider instances of one worker, by the provider names specs use ({@link ProviderCatalog}). */
public final class ProviderRegistry {
    private final Map<String, ModelProvider> providers;

    public ProviderRegistry(Map<String, ModelProvider> providers) {
        this.providers = Map.copyOf(providers);
    }

    /** Every provider this build implements, configured from the environment. */
    public static ProviderRegistry standard() {
        return new ProviderRegistry(Map.of(ProviderCatalog.SIMULATED, new SimulatedProvider()));
    }

    public Optional<ModelProvider> find(String provider) {
        return Optional.ofNullable(providers.get(provider));
    }
}
