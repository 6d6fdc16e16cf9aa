package dev.crucible.common.spec;

import dev.crucible.common.condition.Scenario;
import dev.crucible.common.spec.Fields.Listed;
import dev.crucible.common.spec.YamlNode.Kind;
import dev.crucible.common.spec.YamlNode.Mapping;
import dev.crucible.common.spec.YamlNode.Mark;
import dev.crucible.common.spec.YamlNode.Scalar;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Binds a located YAML tree to a {@link SweepSpec}, reporting every problem it finds; see {@link SpecLoader}
 * for the format. Returns a spec only if there were no problems at all, the reader's included.
 */
final class SpecBinder {

    static final List<String> KEYS = List.of("name", "seed", "samples", "scenarios", "conditions", "models", "classifiers", "limits",
            "prices", "budget");
    static final List<String> LIMIT_KEYS = List.of("max_trials");

    /** The name becomes part of Kafka topic names, which allow little and cap the length. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,47}");

    private final Problems problems;
    private final Fields fields;

    private SpecBinder(Problems problems) {
        this.problems = problems;
        this.fields = new Fields(problems);
    }

    static Optional<SweepSpec> bind(YamlNode root, Problems problems) {
        return new SpecBinder(problems).bind(root);
    }

    private Optional<SweepSpec> bind(YamlNode root) {
        if (!(root instanceof Mapping spec)) {
            problems.add(Mark.START, root instanceof Scalar s && s.kind() == Kind.NULL
                    ? "the spec is empty; it needs at least name, samples, scenarios, conditions and models"
                    : "a spec is a mapping of keys (" + String.join(", ", KEYS) + "), got " + Fields.describe(root));
            return Optional.empty();
        }
        fields.onlyKeys(spec, "", KEYS);
        Optional<String> name = fields.required(spec, "", "name").flatMap(this::name);
        Optional<Long> seed = spec.get("seed")
                .map(n -> fields.integer(n, "seed", Long.MIN_VALUE, Long.MAX_VALUE))
                .orElse(Optional.of(0L));
        Optional<YamlNode> samplesNode = fields.required(spec, "", "samples");
        Optional<Long> samples = samplesNode.flatMap(n -> fields.integer(n, "samples", 1, Integer.MAX_VALUE));
        Listed<Scenario> scenarios = fields.required(spec, "", "scenarios")
                .map(n -> fields.tokens(n, "scenarios", List.of(Scenario.values()), Map.of()))
                .orElseGet(Listed::failed);
        Optional<ConditionSpace> space = fields.required(spec, "", "conditions")
                .flatMap(n -> new ConditionsBinder(fields).bind(n, scenarios.values()));
        Optional<List<ModelSpec>> models = fields.required(spec, "", "models").flatMap(new ModelsBinder(fields)::bind);
        Optional<Classifiers> classifiers = new ClassifiersBinder(fields).bind(spec, models);
        CostBinder cost = new CostBinder(fields);
        Optional<Map<String, Price>> prices = cost.prices(spec, models);
        Optional<Optional<Budget>> budget = cost.budget(spec, models, prices);
        Optional<SweepSpec.Limits> limits = spec.get("limits")
                .map(this::limits)
                .orElse(Optional.of(SweepSpec.Limits.defaults()));
        if (!problems.isEmpty() || !scenarios.complete() || name.isEmpty() || seed.isEmpty() || samples.isEmpty()
                || space.isEmpty() || models.isEmpty() || classifiers.isEmpty() || limits.isEmpty()
                || prices.isEmpty() || budget.isEmpty()) {
            return Optional.empty();
        }
        SweepSpec bound = new SweepSpec(name.get(), seed.get(), space.get(), models.get(),
                Math.toIntExact(samples.get()), classifiers.get(), limits.get(), prices.get(),
                budget.get().orElse(null));
        Optional<String> tooLarge = TrialCeiling.check(bound);
        tooLarge.ifPresent(reason -> problems.add(samplesNode.orElseThrow().mark(), reason));
        return tooLarge.isPresent() ? Optional.empty() : Optional.of(bound);
    }

    private Optional<String> name(YamlNode node) {
        Optional<String> name = fields.text(node, "name", "a sweep name");
        if (name.isPresent() && !NAME.matcher(name.get()).matches()) {
            problems.add(node.mark(), "name: '" + name.get() + "' is not a valid sweep name: use 1 to 48 lowercase "
                    + "letters, digits and dashes, starting with a letter or digit (it becomes part of Kafka topic names)");
            return Optional.empty();
        }
        return name;
    }

    private Optional<SweepSpec.Limits> limits(YamlNode node) {
        Optional<Mapping> found = fields.mapping(node, "limits", "a mapping of limits (" + String.join(", ", LIMIT_KEYS) + ")");
        if (found.isEmpty()) {
            return Optional.empty();
        }
        fields.onlyKeys(found.get(), "limits", LIMIT_KEYS);
        return found.get().get("max_trials")
                .map(n -> fields.integer(n, "limits.max_trials", 1, Long.MAX_VALUE))
                .orElse(Optional.of(SweepSpec.Limits.DEFAULT_MAX_TRIALS))
                .map(SweepSpec.Limits::new);
    }
}
