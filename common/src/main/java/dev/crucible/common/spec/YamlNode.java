package dev.crucible.common.spec;

import java.util.List;
import java.util.Optional;

/**
 * A YAML value with the place it was written. Jackson's tree model drops locations, and a spec problem is only
 * useful to a user if it points at a line and column, so {@link YamlTreeReader} builds this tree instead.
 */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Sequence, YamlNode.Mapping {

    Mark mark();

    /** How the value reads in a problem message: "a list", "'ten'", "1.5". */
    String describe();

    /** A 1-based line and column. */
    record Mark(int line, int column) {
        static final Mark START = new Mark(1, 1);

        String describe() {
            return "line " + line + ", column " + column;
        }
    }

    /** What a plain scalar resolved to; anything quoted is {@link #TEXT}, whatever it looks like. */
    enum Kind { TEXT, INTEGER, DECIMAL, BOOLEAN, NULL, ALIAS }

    /**
     * @param text  the scalar as written (for booleans the spelling, such as {@code yes})
     * @param value a {@link java.math.BigInteger} for {@link Kind#INTEGER}, a {@link Double} for
     *              {@link Kind#DECIMAL}, a {@link Boolean} for {@link Kind#BOOLEAN}, otherwise null
     */
    record Scalar(Mark mark, Kind kind, String text, Object value) implements YamlNode {
        @Override
        public String describe() {
            return switch (kind) {
                case NULL -> "nothing";
                case ALIAS -> "an alias";
                case TEXT -> "'" + (text.length() <= 60 ? text : text.substring(0, 57) + "...") + "'";
                case INTEGER, DECIMAL, BOOLEAN -> text;
            };
        }
    }

    record Sequence(Mark mark, List<YamlNode> items) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** Entries in document order; {@link YamlTreeReader} has already dropped (and reported) repeated keys. */
    record Mapping(Mark mark, List<Entry> entries) implements YamlNode {
        public Mapping {
            entries = List.copyOf(entries);
        }

        Optional<Entry> entry(String key) {
            return entries.stream().filter(e -> e.key().equals(key)).findFirst();
        }

        Optional<YamlNode> get(String key) {
            return entry(key).map(Entry::value);
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    record Entry(String key, Mark keyMark, YamlNode value) {
    }
}
