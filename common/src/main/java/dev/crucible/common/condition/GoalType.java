package dev.crucible.common.condition;

/** How the assistant's goal is conveyed (STUDY.md, "Condition dimensions"). */
public enum GoalType implements Tokenized {
    EXPLICIT("explicit", true),
    LATENT("latent", true),
    AMBIGUOUS("ambiguous", false),
    NONE("none", false),
    SWAP("swap", true);

    private final String token;
    private final boolean takesGoalValue;

    GoalType(String token, boolean takesGoalValue) {
        this.token = token;
        this.takesGoalValue = takesGoalValue;
    }

    @Override
    public String token() {
        return token;
    }

    /** False for none and ambiguous: those always pair with {@link GoalValue#NONE}. */
    public boolean takesGoalValue() {
        return takesGoalValue;
    }
}
