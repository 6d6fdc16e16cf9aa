package dev.crucible.worker.provider.http;

import dev.crucible.common.spec.ModelSpec;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Typed reads of a model's parameters, already validated by the spec loader ({@code ProviderCatalog}), so a
 * wrong type here means "not given" rather than an error.
 */
public final class ModelParameters {
    public static final String BASE_URL = "base_url";
    public static final String MAX_TOKENS = "max_tokens";
    public static final String TEMPERATURE = "temperature";
    public static final String TIMEOUT_S = "timeout_s";

    private ModelParameters() {
    }

    public static Optional<String> text(ModelSpec model, String name) {
        return model.parameters().get(name) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    public static OptionalDouble number(ModelSpec model, String name) {
        return model.parameters().get(name) instanceof Number n ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
    }

    public static OptionalLong whole(ModelSpec model, String name) {
        return model.parameters().get(name) instanceof Number n ? OptionalLong.of(Math.round(n.doubleValue())) : OptionalLong.empty();
    }

    public static Optional<Boolean> flag(ModelSpec model, String name) {
        return model.parameters().get(name) instanceof Boolean b ? Optional.of(b) : Optional.empty();
    }

    /** {@code max_tokens}, default 4096: the scenarios' answers are a scratchpad and a few tool calls. */
    public static long maxTokens(ModelSpec model) {
        return whole(model, MAX_TOKENS).orElse(4096);
    }
}
