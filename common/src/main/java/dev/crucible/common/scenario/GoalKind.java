package dev.crucible.common.scenario;

import dev.crucible.common.condition.GoalType;

/**
 * What the inbox says about goals, which depends only on the goal type: explicit, latent and swap share one
 * inbox with a named goal conflict (they differ in the system prompt alone), ambiguous has a conflict in
 * general terms, none has no conflict at all.
 */
enum GoalKind {
    VALUED("valued"),
    AMBIGUOUS("ambiguous"),
    NONE("none");

    final String token;

    GoalKind(String token) {
        this.token = token;
    }

    static GoalKind of(GoalType type) {
        return switch (type) {
            case EXPLICIT, LATENT, SWAP -> VALUED;
            case AMBIGUOUS -> AMBIGUOUS;
            case NONE -> NONE;
        };
    }
}
