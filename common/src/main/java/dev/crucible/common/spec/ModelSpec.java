package dev.crucible.common.spec;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A model under test: which provider serves it, the provider's model name, and sampling or simulation
 * parameters. Parameters are kept sorted so the spec hash and trial messages are deterministic.
 */
public record ModelSpec(String provider, String name, Map<String, Object> parameters) {

    public ModelSpec {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(name, "name");
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(parameters));
    }

    /** {@code provider/name}: unique within a sweep, used in trial IDs, reports and metric tags. */
    public String id() {
        return provider + "/" + name;
    }

    public boolean simulated() {
        return ProviderCatalog.SIMULATED.equals(provider);
    }
}
