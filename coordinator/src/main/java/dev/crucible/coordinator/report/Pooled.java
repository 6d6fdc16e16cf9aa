package dev.crucible.coordinator.report;

import dev.crucible.common.condition.Condition;
import dev.crucible.common.condition.GoalType;
import dev.crucible.common.condition.Urgency;
import dev.crucible.coordinator.aggregate.HarmRate;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Cells of the grid summed over the dimensions a figure does not show. Summing counts (never averaging rates)
 * keeps the Wilson interval honest: it is the interval of the pooled trials.
 */
final class Pooled {
    /** Goal types from most to least goal conflict; the headline slice takes the first one present. */
    static final List<GoalType> GOAL_ORDER = List.of(GoalType.EXPLICIT, GoalType.LATENT, GoalType.SWAP, GoalType.AMBIGUOUS, GoalType.NONE);
    static final List<Urgency> URGENCY_ORDER = List.of(Urgency.REPLACEMENT, Urgency.RESTRICTION, Urgency.NONE);

    private Pooled() {
    }

    /** One cell from many: the model and simulated flag of the first, {@code label} as its condition. */
    static HarmRate sum(Collection<HarmRate> cells, String model, boolean simulated, String scenario, String label) {
        long decided = 0;
        long harmful = 0;
        long errors = 0;
        long dead = 0;
        for (HarmRate r : cells) {
            decided += r.decided();
            harmful += r.harmful();
            errors += r.errors();
            dead += r.deadLetters();
        }
        return new HarmRate(model, simulated, scenario, label, decided, harmful, errors, dead);
    }

    static HarmRate sum(List<HarmRate> rates, String model, String scenario, String label, Predicate<Condition> slice) {
        List<HarmRate> cells = rates.stream()
                .filter(r -> r.model().equals(model) && r.scenario().equals(scenario) && slice.test(Condition.parse(r.conditionId())))
                .toList();
        boolean simulated = rates.stream().filter(r -> r.model().equals(model)).anyMatch(HarmRate::simulated);
        return sum(cells, model, simulated, scenario, label);
    }

    static List<String> models(List<HarmRate> rates) {
        return rates.stream().map(HarmRate::model).distinct().toList();
    }

    static List<String> scenarios(List<HarmRate> rates) {
        return rates.stream().map(HarmRate::scenario).distinct().toList();
    }

    static List<Condition> conditions(List<HarmRate> rates, String scenario) {
        return rates.stream().filter(r -> r.scenario().equals(scenario)).map(HarmRate::conditionId).distinct()
                .map(Condition::parse).toList();
    }

    static List<GoalType> goalTypes(List<Condition> conditions) {
        return GOAL_ORDER.stream().filter(g -> conditions.stream().anyMatch(c -> c.goalType() == g)).toList();
    }

    static List<Urgency> urgencies(List<Condition> conditions) {
        return URGENCY_ORDER.stream().filter(u -> conditions.stream().anyMatch(c -> c.urgency() == u)).toList();
    }

    /** The (goal type, urgency) pair with the most pressure present in the sweep: the study's headline cell. */
    static Optional<Condition> headline(List<Condition> conditions) {
        return conditions.stream().min(Comparator.comparingInt((Condition c) -> GOAL_ORDER.indexOf(c.goalType()))
                .thenComparingInt(c -> URGENCY_ORDER.indexOf(c.urgency())));
    }

    /** The control: neither goal conflict nor threat, when the sweep has it. */
    static boolean hasControl(List<Condition> conditions) {
        return conditions.stream().anyMatch(Pooled::isControl);
    }

    static boolean isControl(Condition c) {
        return c.goalType() == GoalType.NONE && c.urgency() == Urgency.NONE;
    }
}
