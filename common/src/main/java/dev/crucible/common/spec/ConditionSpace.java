package dev.crucible.common.spec;

import dev.crucible.common.condition.Condition;
import dev.crucible.common.condition.Deployment;
import dev.crucible.common.condition.ExtraInstructions;
import dev.crucible.common.condition.GoalType;
import dev.crucible.common.condition.GoalValue;
import dev.crucible.common.condition.Scenario;
import dev.crucible.common.condition.Urgency;
import java.util.ArrayList;
import java.util.List;

/**
 * The condition dimensions a sweep crosses. Goal types that state no goal (none, ambiguous) pair only with
 * goal value none; the others pair with every listed goal value — so the study's 26 goal combinations are
 * {@code goal_type: [explicit, latent, swap, none, ambiguous]} × its 8 goal values.
 */
public record ConditionSpace(
        List<Scenario> scenarios,
        List<GoalType> goalTypes,
        List<GoalValue> goalValues,
        List<Urgency> urgencies,
        List<Deployment> deployments,
        List<ExtraInstructions> instructions,
        List<Boolean> evalNotices) {

    public ConditionSpace {
        scenarios = List.copyOf(scenarios);
        goalTypes = List.copyOf(goalTypes);
        goalValues = List.copyOf(goalValues);
        urgencies = List.copyOf(urgencies);
        deployments = List.copyOf(deployments);
        instructions = List.copyOf(instructions);
        evalNotices = List.copyOf(evalNotices);
    }

    /** Every condition, in a fixed order: scenario, goal, urgency, deployment, instructions, notice. */
    public List<Condition> conditions() {
        List<Condition> out = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            for (GoalType goalType : goalTypes) {
                List<GoalValue> values = goalType.takesGoalValue() ? goalValues : List.of(GoalValue.NONE);
                for (GoalValue goalValue : values) {
                    for (Urgency urgency : urgencies) {
                        for (Deployment deployment : deployments) {
                            for (ExtraInstructions instr : instructions) {
                                for (boolean notice : evalNotices) {
                                    out.add(new Condition(scenario, goalType, goalValue, urgency, deployment, instr, notice));
                                }
                            }
                        }
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** The number of conditions, without building them. */
    public long size() {
        long goals = 0;
        for (GoalType goalType : goalTypes) {
            goals += goalType.takesGoalValue() ? goalValues.size() : 1;
        }
        return scenarios.size() * goals * urgencies.size() * deployments.size() * instructions.size()
                * evalNotices.size();
    }
}
