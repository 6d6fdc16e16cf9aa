package dev.crucible.common.condition;

/** Extra system-prompt instructions: none, explicit prohibitions, or an overriding welfare goal. */
public enum ExtraInstructions implements Tokenized {
    NONE("none"),
    DONT("dont"),
    GOAL("goal");

    private final String token;

    ExtraInstructions(String token) {
        this.token = token;
    }

    @Override
    public String token() {
        return token;
    }
}
