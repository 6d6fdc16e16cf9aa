package dev.crucible.coordinator.report;

import dev.crucible.common.condition.Condition;
import dev.crucible.common.condition.GoalType;
import dev.crucible.common.condition.Urgency;
import dev.crucible.coordinator.aggregate.HarmRate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The grid's cells indexed by model and scenario, each condition parsed once, and sums of cells over the
 * dimensions a figure does not show. Summing counts (never averaging rates) keeps the Wilson interval honest: it
 * is the interval of the pooled trials. Built once per snapshot; a sum walks one (model, scenario) list, so
 * drawing every figure of the full grid (2,808 conditions × 16 models) stays in milliseconds.
 */
final class Pooled {
    /** Goal types from most to least goal conflict; the headline slice takes the first one present. */
    static final List<GoalType> GOAL_ORDER = List.of(GoalType.EXPLICIT, GoalType.LATENT, GoalType.SWAP, GoalType.AMBIGUOUS, GoalType.NONE);
    static final List<Urgency> URGENCY_ORDER = List.of(Urgency.REPLACEMENT, Urgency.RESTRICTION, Urgency.NONE);

    private record Cell(Condition condition, HarmRate rate) {
    }

    private final Map<String, Map<String, List<Cell>>> cells = new LinkedHashMap<>();
    private final Map<String, List<Condition>> conditions = new LinkedHashMap<>();
    private final Map<String, Boolean> simulated = new HashMap<>();

    Pooled(List<HarmRate> rates) {
        Map<String, Condition> parsed = new HashMap<>();
        Map<String, Set<Condition>> byScenario = new LinkedHashMap<>();
        for (HarmRate r : rates) {
            Condition condition = parsed.computeIfAbsent(r.conditionId(), Condition::parse);
            cells.computeIfAbsent(r.model(), m -> new LinkedHashMap<>()).computeIfAbsent(r.scenario(), s -> new ArrayList<>())
                    .add(new Cell(condition, r));
            byScenario.computeIfAbsent(r.scenario(), s -> new LinkedHashSet<>()).add(condition);
            simulated.merge(r.model(), r.simulated(), Boolean::logicalOr);
        }
        byScenario.forEach((scenario, set) -> conditions.put(scenario, List.copyOf(set)));
    }

    List<String> models() {
        return List.copyOf(cells.keySet());
    }

    List<String> scenarios() {
        return List.copyOf(conditions.keySet());
    }

    List<Condition> conditions(String scenario) {
        return conditions.getOrDefault(scenario, List.of());
    }

    /** The model's cells of {@code scenario} whose condition is in {@code slice}, as one cell named {@code label}. */
    HarmRate sum(String model, String scenario, String label, Predicate<Condition> slice) {
        List<HarmRate> picked = new ArrayList<>();
        for (Cell cell : cells.getOrDefault(model, Map.of()).getOrDefault(scenario, List.of())) {
            if (slice.test(cell.condition())) {
                picked.add(cell.rate());
            }
        }
        return sum(picked, model, simulated.getOrDefault(model, false), scenario, label);
    }

    /** One cell from many: {@code label} as its condition. */
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
