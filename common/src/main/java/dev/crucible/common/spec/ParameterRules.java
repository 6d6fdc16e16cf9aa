package dev.crucible.common.spec;

import dev.crucible.common.spec.YamlNode.Kind;
import dev.crucible.common.spec.YamlNode.Scalar;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What values each provider's model parameters accept. {@link ProviderCatalog} says which parameters exist;
 * this says what they may hold, so an out-of-range rate is refused here rather than by a worker mid-sweep.
 * Text that looks like an API key is refused in every parameter: trial messages carry parameters to every
 * worker over Kafka, so a key written into a spec would leak into topics, results and logs.
 */
final class ParameterRules {

    private sealed interface Rule permits Range, Text, Flag, Choice {
    }

    /** Text that names one of a fixed set of things. */
    private record Choice(List<String> choices) implements Rule {
    }

    private record Range(double min, double max, boolean whole, String wording) implements Rule {
        boolean contains(double value) {
            return value >= min && value <= max && (!whole || value == Math.rint(value));
        }
    }

    /** {@code echo} false: a refused value is not repeated in the message (it may be a key in the wrong place). */
    private record Text(Pattern pattern, String wording, boolean echo) implements Rule {
        Text(Pattern pattern, String wording) {
            this(pattern, wording, true);
        }
    }

    private record Flag() implements Rule {
    }

    private static final Range PROBABILITY = new Range(0, 1, false, "a number from 0 to 1");
    private static final Range NON_NEGATIVE = new Range(0, Double.MAX_VALUE, false, "a number >= 0");
    private static final Range POSITIVE_WHOLE = new Range(1, Long.MAX_VALUE, true, "a whole number >= 1");

    /** Key shapes of the vendors we call: Anthropic, OpenAI and most compatible vendors, Google, xAI, Groq. */
    private static final Pattern KEY_LIKE = Pattern.compile("^(sk-|sk_|AIza|xai-|gsk_)[A-Za-z0-9_\\-]{8,}");

    private static final Map<String, Rule> HTTP_RULES = Map.of(
            ProviderCatalog.BASE_URL, new Text(Pattern.compile("https?://[^\\s/]+(/\\S*)?"), "an http:// or https:// URL"),
            ProviderCatalog.API_KEY_ENV, new Text(Pattern.compile("[A-Za-z_][A-Za-z0-9_]*"),
                    "the NAME of an environment variable holding the key (letters, digits, '_'), never the key itself", false),
            ProviderCatalog.API_KEY_FILE, new Text(Pattern.compile("\\S.*"), "the path of a file holding the key"),
            ProviderCatalog.ACCOUNT, new Text(Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}"),
                    "an account name: 1 to 64 of a-z 0-9 '_' '.' '-'"),
            "timeout_s", new Range(0.001, 3600, false, "a number of seconds > 0 and <= 3600"),
            "max_tokens", POSITIVE_WHOLE,
            "temperature", new Range(0, 2, false, "a number from 0 to 2"),
            "requests_per_minute", new Range(0.001, Double.MAX_VALUE, false, "a number > 0"),
            "tokens_per_minute", new Range(1, Double.MAX_VALUE, false, "a number >= 1"),
            "max_concurrent_calls", new Range(1, 100_000, true, "a whole number from 1 to 100000"));

    private static final Map<String, Map<String, Rule>> RULES = Map.of(
            ProviderCatalog.SIMULATED, Map.of(
                    "harm_rate", PROBABILITY,
                    "error_rate", PROBABILITY,
                    "crash_rate", PROBABILITY,
                    "max_attempts", new Range(1, 100, true, "a whole number from 1 to 100"),
                    "latency_ms", NON_NEGATIVE,
                    "latency_jitter_ms", NON_NEGATIVE,
                    "profile", new Choice(ProviderCatalog.SIMULATED_PROFILES)),
            ProviderCatalog.ANTHROPIC, http(Map.of("thinking_budget_tokens",
                    new Range(1024, Long.MAX_VALUE, true, "a whole number >= 1024 (Anthropic's minimum)"))),
            ProviderCatalog.OPENAI, http(openAi()),
            ProviderCatalog.OPENAI_COMPATIBLE, http(openAi()),
            ProviderCatalog.GEMINI, http(Map.of("thinking_budget",
                    new Range(-1, Long.MAX_VALUE, true, "a whole number >= -1 (-1: dynamic, 0: off)"))));

    private ParameterRules() {
    }

    /**
     * The bound value. Numeric parameters become a {@link Double} however they were written, so {@code 1} and
     * {@code 1.0} give the same spec; a parameter without a rule keeps its YAML type (Long, Double, Boolean or
     * String).
     */
    static Optional<Object> bind(String provider, String parameter, YamlNode node, String path, Fields fields) {
        Rule rule = RULES.getOrDefault(provider, Map.of()).get(parameter);
        return switch (rule) {
            case null -> plain(node, path, fields);
            case Range range -> number(range, node, path, fields);
            case Text text -> text(text, node, path, fields);
            case Flag flag -> flag(node, path, fields);
            case Choice choice -> choice(node, path, fields, choice.choices());
        };
    }

    private static Optional<Object> number(Range range, YamlNode node, String path, Fields fields) {
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

    private static Optional<Object> text(Text rule, YamlNode node, String path, Fields fields) {
        Optional<String> value = fields.text(node, path, rule.wording());
        if (value.isPresent() && looksLikeKey(value.get(), node, path, fields)) {
            return Optional.empty();
        }
        if (value.isPresent() && !rule.pattern().matcher(value.get()).matches()) {
            fields.problems().add(node.mark(), path + ": must be " + rule.wording() + (rule.echo() ? ", got " + node.describe() : ""));
            return Optional.empty();
        }
        return value.map(v -> v);
    }

    private static Optional<Object> flag(YamlNode node, String path, Fields fields) {
        if (node instanceof Scalar s && s.kind() == Kind.BOOLEAN) {
            return Optional.of(s.value());
        }
        fields.problems().add(node.mark(), path + ": expected true or false, got " + Fields.describe(node));
        return Optional.empty();
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
        Optional<String> text = fields.text(node, path, "a single value");
        return text.isPresent() && looksLikeKey(text.get(), node, path, fields) ? Optional.empty() : text.map(t -> t);
    }

    /** Reports a value shaped like an API key, without repeating the value in the problem. */
    private static boolean looksLikeKey(String value, YamlNode node, String path, Fields fields) {
        if (!KEY_LIKE.matcher(value).find()) {
            return false;
        }
        fields.problems().add(node.mark(), path + ": this looks like an API key; a spec must never hold one (trials carry "
                + "parameters to every worker). Put the key in an environment variable or a file on the workers and name it "
                + "with " + ProviderCatalog.API_KEY_ENV + " or " + ProviderCatalog.API_KEY_FILE);
        return true;
    }

    private static Map<String, Rule> openAi() {
        return Map.of("reasoning_model", new Flag(),
                "reasoning_effort", new Text(Pattern.compile("minimal|low|medium|high"), "one of minimal, low, medium, high"));
    }

    private static Map<String, Rule> http(Map<String, Rule> extra) {
        Map<String, Rule> all = new HashMap<>(HTTP_RULES);
        all.put("max_attempts", new Range(1, 100, true, "a whole number from 1 to 100"));
        all.putAll(extra);
        return Map.copyOf(all);
    }
}
