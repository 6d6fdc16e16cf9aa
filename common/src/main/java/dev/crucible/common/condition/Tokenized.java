package dev.crucible.common.condition;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A dimension value with the lowercase token used in specs, condition IDs and reports. */
public interface Tokenized {
    @JsonValue
    String token();

    static <E extends Enum<E> & Tokenized> Optional<E> parse(Class<E> type, String token) {
        // a plain loop, not a stream: a worker runs this six times for every trial it decodes
        for (E value : type.getEnumConstants()) {
            if (value.token().equals(token)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    static <E extends Enum<E> & Tokenized> List<String> tokens(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Tokenized::token).toList();
    }
}
