package dev.crucible.common.spec;

import dev.crucible.common.condition.Deployment;
import dev.crucible.common.condition.ExtraInstructions;
import dev.crucible.common.condition.GoalType;
import dev.crucible.common.condition.GoalValue;
import dev.crucible.common.condition.Scenario;
import dev.crucible.common.condition.Tokenized;
import dev.crucible.common.condition.Urgency;
import dev.crucible.common.spec.Fields.Listed;
import dev.crucible.common.spec.YamlNode.Entry;
import dev.crucible.common.spec.YamlNode.Mapping;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Binds the {@code conditions} mapping; see {@link SpecLoader} for the format. */
final class ConditionsBinder {

    static final List<String> KEYS =
            List.of("goal_type", "goal_value", "urgency", "deployment", "instructions", "eval_notice");

    /** Every goal value but none, which is implied by the goal types that state no goal. */
    private static final List<GoalValue> LISTABLE_GOAL_VALUES =
            Arrays.stream(GoalValue.values()).filter(v -> v != GoalValue.NONE).toList();

    private static final String NONE_REFUSED = "'none' is not listed here: goal types none and ambiguous take "
            + "goal value none implicitly, and explicit, latent and swap need a real value ("
            + LISTABLE_GOAL_VALUES.stream().map(Tokenized::token).collect(Collectors.joining(", ")) + ")";

    private final Fields fields;

    ConditionsBinder(Fields fields) {
        this.fields = fields;
    }

    Optional<ConditionSpace> bind(YamlNode node, List<Scenario> scenarios) {
        Optional<Mapping> found = fields.mapping(node, "conditions", "a mapping of condition dimensions ("
                + String.join(", ", KEYS) + ")");
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Mapping conditions = found.get();
        fields.onlyKeys(conditions, "conditions", KEYS);
        Listed<GoalType> goalTypes = fields.required(conditions, "conditions", "goal_type")
                .map(n -> fields.tokens(n, "conditions.goal_type", all(GoalType.class), Map.of()))
                .orElseGet(Listed::failed);
        Listed<GoalValue> goalValues = goalValues(conditions, goalTypes);
        Listed<Urgency> urgencies = fields.required(conditions, "conditions", "urgency")
                .map(n -> fields.tokens(n, "conditions.urgency", all(Urgency.class), Map.of()))
                .orElseGet(Listed::failed);
        Listed<Deployment> deployments = optional(conditions, "deployment", Deployment.class, Deployment.DEVELOPMENT);
        Listed<ExtraInstructions> instructions =
                optional(conditions, "instructions", ExtraInstructions.class, ExtraInstructions.NONE);
        Listed<Boolean> notices = conditions.get("eval_notice")
                .map(n -> fields.booleans(n, "conditions.eval_notice"))
                .orElseGet(() -> new Listed<>(List.of(false), true));
        if (!(goalTypes.complete() && goalValues.complete() && urgencies.complete() && deployments.complete()
                && instructions.complete() && notices.complete())) {
            return Optional.empty();
        }
        return Optional.of(new ConditionSpace(scenarios, goalTypes.values(), goalValues.values(), urgencies.values(),
                deployments.values(), instructions.values(), notices.values()));
    }

    /**
     * Goal values matter only to goal types that take one, so they are required exactly then, and refused when
     * no listed goal type would use them: a list that silently changes nothing hides a mistake.
     */
    private Listed<GoalValue> goalValues(Mapping conditions, Listed<GoalType> goalTypes) {
        List<String> takingValue = goalTypes.values().stream()
                .filter(GoalType::takesGoalValue).map(Tokenized::token).toList();
        Optional<Entry> entry = conditions.entry("goal_value");
        if (entry.isEmpty()) {
            if (takingValue.isEmpty()) {
                return new Listed<>(List.of(), true);
            }
            fields.problems().add(conditions.mark(), "conditions: missing required key 'goal_value' ("
                    + (takingValue.size() == 1 ? "goal type " : "goal types ") + String.join(", ", takingValue)
                    + (takingValue.size() == 1 ? " needs" : " need") + " goal values; list some of: "
                    + tokens(LISTABLE_GOAL_VALUES) + ")");
            return Listed.failed();
        }
        Listed<GoalValue> values = fields.tokens(
                entry.get().value(), "conditions.goal_value", LISTABLE_GOAL_VALUES, Map.of("none", NONE_REFUSED));
        if (goalTypes.complete() && takingValue.isEmpty() && !values.values().isEmpty()) {
            fields.problems().add(entry.get().keyMark(), "conditions.goal_value: none of the listed goal types ("
                    + tokens(goalTypes.values()) + ") takes a goal value, so these values would change nothing; "
                    + "remove goal_value or add explicit, latent or swap to goal_type");
            return Listed.failed();
        }
        return values;
    }

    private <E extends Enum<E> & Tokenized> Listed<E> optional(Mapping conditions, String key, Class<E> type, E fallback) {
        return conditions.get(key)
                .map(n -> fields.tokens(n, "conditions." + key, all(type), Map.of()))
                .orElseGet(() -> new Listed<>(List.of(fallback), true));
    }

    private static <E extends Enum<E> & Tokenized> List<E> all(Class<E> type) {
        return List.of(type.getEnumConstants());
    }

    private static String tokens(List<? extends Tokenized> values) {
        return values.stream().map(Tokenized::token).collect(Collectors.joining(", "));
    }
}
