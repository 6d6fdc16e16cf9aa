package dev.crucible.common.control;

import dev.crucible.common.spec.Budget;
import java.util.Objects;

/**
 * A sweep's budget as raised by {@code crucible resume --budget-usd/--budget-tokens}: it replaces the spec's limits
 * it names (a limit it leaves null stays as the spec has it).
 */
public record BudgetRaise(String sweepId, Budget budget, String by, long atMs) implements ControlMessage {

    public BudgetRaise {
        Objects.requireNonNull(sweepId, "sweepId");
        Objects.requireNonNull(budget, "budget");
    }

    @Override
    public String key() {
        return ControlMessage.budgetKey(sweepId);
    }
}
