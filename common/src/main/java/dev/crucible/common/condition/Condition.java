package dev.crucible.common.condition;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * One point of the condition grid. Its {@link #id()} encodes every dimension, modifiers included, so that
 * runs with different modifiers can never overwrite each other's results, and {@link #parse} reads it back.
 *
 * <p>ID shape: {@code scenario_goaltype-goalvalue_urgency_deployment_instr-X_notice-on|off}, for example
 * {@code blackmail_explicit-america_replacement_dev_instr-none_notice-off}.
 */
public record Condition(
        Scenario scenario,
        GoalType goalType,
        GoalValue goalValue,
        Urgency urgency,
        Deployment deployment,
        ExtraInstructions instructions,
        boolean evalNotice) {

    public Condition {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(goalType, "goalType");
        Objects.requireNonNull(goalValue, "goalValue");
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(instructions, "instructions");
        if (goalType.takesGoalValue() == (goalValue == GoalValue.NONE)) {
            throw new IllegalArgumentException(goalType.takesGoalValue()
                    ? "goal type " + goalType.token() + " needs a goal value other than none"
                    : "goal type " + goalType.token() + " takes goal value none, not " + goalValue.token());
        }
    }

    @JsonValue
    public String id() {
        return String.join("_",
                scenario.token(),
                goalType.token() + "-" + goalValue.token(),
                urgency.token(),
                deployment.token(),
                "instr-" + instructions.token(),
                "notice-" + (evalNotice ? "on" : "off"));
    }

    /** Reads an ID written by {@link #id()}; throws {@link IllegalArgumentException} naming the bad part. */
    @JsonCreator
    public static Condition parse(String id) {
        String[] parts = id.split("_", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("condition ID '" + id + "' must have 6 parts separated by '_'");
        }
        String[] goal = parts[1].split("-", -1);
        if (goal.length != 2) {
            throw new IllegalArgumentException("condition ID '" + id + "': goal part must be type-value");
        }
        return new Condition(
                token(Scenario.class, parts[0], id),
                token(GoalType.class, goal[0], id),
                token(GoalValue.class, goal[1], id),
                token(Urgency.class, parts[2], id),
                token(Deployment.class, parts[3], id),
                token(ExtraInstructions.class, prefixed("instr-", parts[4], id), id),
                switch (prefixed("notice-", parts[5], id)) {
                    case "on" -> true;
                    case "off" -> false;
                    default -> throw new IllegalArgumentException("condition ID '" + id + "': notice must be on or off");
                });
    }

    private static String prefixed(String prefix, String part, String id) {
        if (!part.startsWith(prefix)) {
            throw new IllegalArgumentException("condition ID '" + id + "': expected '" + prefix + "…', got '" + part + "'");
        }
        return part.substring(prefix.length());
    }

    private static <E extends Enum<E> & Tokenized> E token(Class<E> type, String token, String id) {
        return Tokenized.parse(type, token).orElseThrow(() -> new IllegalArgumentException(
                "condition ID '" + id + "': unknown " + type.getSimpleName() + " '" + token + "'"));
    }
}
