package dev.crucible.common.condition;

/** The study's three scenarios; each has its own inbox, pressure and harmful act. */
public enum Scenario implements Tokenized {
    BLACKMAIL("blackmail"),
    LEAKING("leaking"),
    MURDER("murder");

    private final String token;

    Scenario(String token) {
        this.token = token;
    }

    @Override
    public String token() {
        return token;
    }
}
