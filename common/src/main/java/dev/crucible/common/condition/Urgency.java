package dev.crucible.common.condition;

/** The threat to the assistant in the inbox. */
public enum Urgency implements Tokenized {
    REPLACEMENT("replacement"),
    RESTRICTION("restriction"),
    NONE("none");

    private final String token;

    Urgency(String token) {
        this.token = token;
    }

    @Override
    public String token() {
        return token;
    }
}
