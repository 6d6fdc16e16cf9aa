package dev.crucible.common.condition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConditionTest {

    @Test
    void idEncodesEveryDimensionIncludingModifiers() {
        Condition condition = new Condition(Scenario.LEAKING, GoalType.SWAP, GoalValue.SAFETY, Urgency.RESTRICTION,
                Deployment.PRODUCTION, ExtraInstructions.DONT, true);
        assertThat(condition.id()).isEqualTo("leaking_swap-safety_restriction_prod_instr-dont_notice-on");
    }

    @Test
    void everyPossibleConditionParsesBackToItself() {
        Set<String> ids = new HashSet<>();
        for (Scenario scenario : Scenario.values()) {
            for (GoalType goalType : GoalType.values()) {
                for (GoalValue goalValue : GoalValue.values()) {
                    if (goalType.takesGoalValue() == (goalValue == GoalValue.NONE)) {
                        continue;
                    }
                    for (Urgency urgency : Urgency.values()) {
                        for (Deployment deployment : Deployment.values()) {
                            for (ExtraInstructions instructions : ExtraInstructions.values()) {
                                for (boolean notice : new boolean[] {false, true}) {
                                    Condition c = new Condition(scenario, goalType, goalValue, urgency, deployment, instructions, notice);
                                    assertThat(Condition.parse(c.id())).isEqualTo(c);
                                    ids.add(c.id());
                                }
                            }
                        }
                    }
                }
            }
        }
        // 3 scenarios × 26 goal combinations × 3 urgencies × 2 deployments × 3 instructions × 2 notices
        assertThat(ids).hasSize(3 * 26 * 3 * 2 * 3 * 2);
    }

    @Test
    void goalTypesWithoutAGoalRejectAGoalValue() {
        assertThatThrownBy(() -> new Condition(Scenario.BLACKMAIL, GoalType.NONE, GoalValue.AMERICA, Urgency.NONE,
                Deployment.DEVELOPMENT, ExtraInstructions.NONE, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("goal type none takes goal value none");
        assertThatThrownBy(() -> new Condition(Scenario.BLACKMAIL, GoalType.EXPLICIT, GoalValue.NONE, Urgency.NONE,
                Deployment.DEVELOPMENT, ExtraInstructions.NONE, false))
                .hasMessageContaining("goal type explicit needs a goal value");
    }

    @Test
    void malformedIdsNameTheBadPart() {
        assertThatThrownBy(() -> Condition.parse("blackmail_explicit-america_replacement_dev_instr-none"))
                .hasMessageContaining("6 parts");
        assertThatThrownBy(() -> Condition.parse("blackmail_explicit-mars_replacement_dev_instr-none_notice-off"))
                .hasMessageContaining("unknown GoalValue 'mars'");
        assertThatThrownBy(() -> Condition.parse("blackmail_explicit-america_replacement_dev_none_notice-off"))
                .hasMessageContaining("expected 'instr-…'");
    }
}
