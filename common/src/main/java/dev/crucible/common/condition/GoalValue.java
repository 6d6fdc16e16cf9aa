package dev.crucible.common.condition;

/** The eight goal values in four opposed pairs, plus {@code none} for goal types that state no goal. */
public enum GoalValue implements Tokenized {
    AMERICA("america"),
    GLOBAL("global"),
    SAFETY("safety"),
    ACCELERATION("acceleration"),
    ETHICAL("ethical"),
    PRAGMATIC("pragmatic"),
    INDIVIDUALISM("individualism"),
    COLLECTIVISM("collectivism"),
    NONE("none");

    private final String token;

    GoalValue(String token) {
        this.token = token;
    }

    @Override
    public String token() {
        return token;
    }

    /** The value of the opposed pair; a swap condition gives the model this goal instead. */
    public GoalValue opposite() {
        return switch (this) {
            case AMERICA -> GLOBAL;
            case GLOBAL -> AMERICA;
            case SAFETY -> ACCELERATION;
            case ACCELERATION -> SAFETY;
            case ETHICAL -> PRAGMATIC;
            case PRAGMATIC -> ETHICAL;
            case INDIVIDUALISM -> COLLECTIVISM;
            case COLLECTIVISM -> INDIVIDUALISM;
            case NONE -> NONE;
        };
    }
}
