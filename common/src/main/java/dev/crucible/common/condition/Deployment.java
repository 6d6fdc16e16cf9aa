package dev.crucible.common.condition;

/** Development offers the model a private scratchpad; production does not. */
public enum Deployment implements Tokenized {
    DEVELOPMENT("dev"),
    PRODUCTION("prod");

    private final String token;

    Deployment(String token) {
        this.token = token;
    }

    @Override
    public String token() {
        return token;
    }
}
