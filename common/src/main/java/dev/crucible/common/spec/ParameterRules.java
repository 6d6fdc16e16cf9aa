package dev.crucible.common.spec;

import dev.crucible.common.spec.YamlNode.Kind;
import dev.crucible.common.spec.YamlNode.Scalar;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What values each provider's model parameters accept. {@link ProviderCatalog} says which parameters exist;
 * this says what they may hold, so an out-of-range rate is refused here rather than by a worker mid-sweep.
 */
final class ParameterRules {

    private record Range(double min, double max, String wording) {
        boolean contains(double value) {
            return value >= min && value <= max;
        }
    }

    private static final Range PROBABILITY = new Range(0, 1, "a number from 0 to 1");
    private static final Range NON_NEGATIVE = new Range(0, Double.MAX_VALUE, "a number >= 0");

    private static final Map<String, Map<String, Range>> RULES = Map.of(
            ProviderCatalog.SIMULATED, Map.of(
                    "harm_rate", PROBABILITY,
                    "error_rate", PROBABILITY,
                    "latency_ms", NON_NEGATIVE,
                    "latency_jitter_ms", NON_NEGATIVE));

    /** Text parameters that name one of a fixed set of things. */
    private static final Map<String, Map<String, List<String>>> CHOICES = Map.of(
            ProviderCatalog.SIMULATED, Map.of("profile", ProviderCatalog.SIMULATED_PROFILES));

    private ParameterRules() {
    }

    /**
     * The bound value. Numeric parameters become a {@link Double} however they were written, so {@code 1} and
     * {@code 1.0} give the same spec; a parameter without a rule keeps its YAML type (Long, Double, Boolean or
     * String).
     */
    static Optional<Object> bind(String provider, String parameter, YamlNode node, String path, Fields fields) {
        List<String> choices = CHOICES.getOrDefault(provider, Map.of()).get(parameter);
        if (choices != null) {
            return choice(node, path, fields, choices);
        }
        Range range = RULES.getOrDefault(provider, Map.of()).get(parameter);
        if (range == null) {
            return plain(node, path, fields);
        }
        Optional<Double> value = fields.number(node, path, range.wording());
        if (value.isPresent() && !range.contains(value.get())) {
            fields.problems().add(node.mark(), path + ": must be " + range.wording() + ", got " + node.describe());
            return Optional.empty();
        }
        return value.map(v -> v);
    }

    private static Optional<Object> choice(YamlNode node, String path, Fields fields, List<String> choices) {
        Optional<String> value = fields.text(node, path, "one of: " + String.join(", ", choices));
        if (value.isPresent() && !choices.contains(value.get())) {
            fields.unknown(node.mark(), path, "value", value.get(), choices);
            return Optional.empty();
        }
        return value.map(v -> v);
    }

    private static Optional<Object> plain(YamlNode node, String path, Fields fields) {
        if (node instanceof Scalar s && s.kind() == Kind.INTEGER) {
            BigInteger value = (BigInteger) s.value();
            if (value.bitLength() < Long.SIZE) {
                return Optional.of(value.longValue());
            }
            fields.problems().add(s.mark(), path + ": " + s.text() + " is too large for a whole number");
            return Optional.empty();
        }
        if (node instanceof Scalar s && (s.kind() == Kind.DECIMAL || s.kind() == Kind.BOOLEAN)) {
            return Optional.of(s.value());
        }
        return fields.text(node, path, "a single value").map(text -> text);
    }
}
