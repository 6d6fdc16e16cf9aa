package dev.crucible.common.spec;

import dev.crucible.common.condition.Tokenized;
import dev.crucible.common.spec.YamlNode.Entry;
import dev.crucible.common.spec.YamlNode.Kind;
import dev.crucible.common.spec.YamlNode.Mapping;
import dev.crucible.common.spec.YamlNode.Mark;
import dev.crucible.common.spec.YamlNode.Scalar;
import dev.crucible.common.spec.YamlNode.Sequence;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads typed values out of located nodes, reporting every mismatch instead of stopping at the first. An empty
 * result always comes with a reported problem, except for aliases, which {@link YamlTreeReader} reported.
 *
 * <p>{@code path} names the field in messages, such as {@code conditions.goal_type} or {@code models[1].name}.
 */
final class Fields {

    /** A list that was read; {@code complete} is false if any item was refused (and reported). */
    record Listed<T>(List<T> values, boolean complete) {
        static <T> Listed<T> failed() {
            return new Listed<>(List.of(), false);
        }

        Optional<List<T>> ifComplete() {
            return complete ? Optional.of(values) : Optional.empty();
        }
    }

    private static final Pattern LOOKS_LIKE_DATA = Pattern.compile("[-+]?[0-9][0-9_.eE+-]*|true|false");

    private final Problems problems;

    Fields(Problems problems) {
        this.problems = problems;
    }

    Problems problems() {
        return problems;
    }

    Optional<Mapping> mapping(YamlNode node, String path, String what) {
        if (node instanceof Mapping mapping) {
            return Optional.of(mapping);
        }
        if (!isAlias(node)) {
            problems.add(node.mark(), path + ": expected " + what + ", got " + describe(node));
        }
        return Optional.empty();
    }

    void onlyKeys(Mapping mapping, String path, Collection<String> allowed) {
        for (Entry entry : mapping.entries()) {
            if (!allowed.contains(entry.key())) {
                unknown(entry.keyMark(), path, "key", entry.key(), allowed);
            }
        }
    }

    /** Reports {@code given} as an unknown {@code noun}, listing what is allowed and the nearest match. */
    void unknown(Mark mark, String path, String noun, String given, Collection<String> allowed) {
        problems.add(mark, (path.isEmpty() ? "" : path + ": ") + "unknown " + noun + " '" + given + "'; allowed: "
                + String.join(", ", allowed) + Suggestions.hint(given, allowed));
    }

    /** The value under {@code key}; if there is none, the problem points at the mapping that lacks it. */
    Optional<YamlNode> required(Mapping mapping, String path, String key) {
        Optional<YamlNode> value = mapping.get(key);
        if (value.isEmpty()) {
            problems.add(mapping.mark(), (path.isEmpty() ? "" : path + ": ") + "missing required key '" + key + "'");
        }
        return value;
    }

    /** Any single value, as written; numbers and booleans are accepted for their spelling. */
    Optional<String> text(YamlNode node, String path, String what) {
        if (node instanceof Scalar s && s.kind() != Kind.NULL && s.kind() != Kind.ALIAS) {
            return Optional.of(s.text());
        }
        return refuse(node, path, what);
    }

    Optional<Long> integer(YamlNode node, String path, long min, long max) {
        if (!(node instanceof Scalar s) || s.kind() != Kind.INTEGER) {
            return refuse(node, path, "a whole number");
        }
        BigInteger value = (BigInteger) s.value();
        if (value.compareTo(BigInteger.valueOf(min)) < 0) {
            problems.add(s.mark(), path + ": must be at least " + min + ", got " + s.text());
            return Optional.empty();
        }
        if (value.compareTo(BigInteger.valueOf(max)) > 0) {
            problems.add(s.mark(), path + ": must be at most " + max + ", got " + s.text());
            return Optional.empty();
        }
        return Optional.of(value.longValue());
    }

    /** A finite number, whole or not; {@code what} says which numbers, for the message. */
    Optional<Double> number(YamlNode node, String path, String what) {
        if (node instanceof Scalar s && (s.kind() == Kind.INTEGER || s.kind() == Kind.DECIMAL)) {
            double value = ((Number) s.value()).doubleValue();
            if (Double.isFinite(value)) {
                return Optional.of(value);
            }
        }
        return refuse(node, path, what);
    }

    /**
     * A list of dimension tokens; a single value counts as a one-element list. {@code refused} maps tokens that
     * exist but are wrong in this place to the reason why.
     */
    <E extends Enum<E> & Tokenized> Listed<E> tokens(
            YamlNode node, String path, List<E> allowed, Map<String, String> refused) {
        Map<String, E> byToken = allowed.stream().collect(Collectors.toMap(Tokenized::token, e -> e));
        List<String> names = allowed.stream().map(Tokenized::token).toList();
        return list(node, path, "list at least one of: " + String.join(", ", names), s -> {
            E value = byToken.get(s.text());
            if (value == null && refused.containsKey(s.text())) {
                problems.add(s.mark(), path + ": " + refused.get(s.text()));
            } else if (value == null) {
                unknown(s.mark(), path, "value", s.text(), names);
            }
            return Optional.ofNullable(value);
        });
    }

    Listed<Boolean> booleans(YamlNode node, String path) {
        return list(node, path, "list true, false or both", s -> {
            if (s.kind() == Kind.BOOLEAN) {
                return Optional.of((Boolean) s.value());
            }
            problems.add(s.mark(), path + ": expected true or false, got " + describe(s));
            return Optional.empty();
        });
    }

    private <T> Listed<T> list(YamlNode node, String path, String choices, Function<Scalar, Optional<T>> convert) {
        List<YamlNode> items;
        if (node instanceof Sequence sequence) {
            items = sequence.items();
        } else if (node instanceof Scalar s && s.kind() != Kind.NULL) {
            items = List.of(s);
        } else if (node instanceof Scalar s && s.kind() == Kind.NULL) {
            items = List.of();
        } else {
            problems.add(node.mark(), path + ": expected a list, got " + describe(node));
            return Listed.failed();
        }
        if (items.isEmpty()) {
            problems.add(node.mark(), path + ": is empty; " + choices);
            return Listed.failed();
        }
        List<T> values = new ArrayList<>();
        Map<T, Mark> seen = new HashMap<>();
        boolean complete = true;
        for (YamlNode item : items) {
            Optional<T> value = item instanceof Scalar s && s.kind() != Kind.NULL && s.kind() != Kind.ALIAS
                    ? convert.apply(s)
                    : refuse(item, path, "a single value");
            if (value.isEmpty()) {
                complete = false;
                continue;
            }
            Mark first = seen.putIfAbsent(value.get(), item.mark());
            if (first != null) {
                problems.add(item.mark(), path + ": " + describe(item) + " is listed twice (first at "
                        + first.describe() + ")");
                complete = false;
            } else {
                values.add(value.get());
            }
        }
        return new Listed<>(values, complete);
    }

    private <T> Optional<T> refuse(YamlNode node, String path, String what) {
        if (!isAlias(node)) {
            problems.add(node.mark(), path + ": expected " + what + ", got " + describe(node));
        }
        return Optional.empty();
    }

    /** Like {@link YamlNode#describe()}, and says why a quoted {@code "10"} is not a number. */
    static String describe(YamlNode node) {
        if (node instanceof Scalar s && s.kind() == Kind.TEXT && LOOKS_LIKE_DATA.matcher(s.text()).matches()) {
            return node.describe() + " (quoted, so it is text)";
        }
        return node.describe();
    }

    private static boolean isAlias(YamlNode node) {
        return node instanceof Scalar s && s.kind() == Kind.ALIAS;
    }
}
