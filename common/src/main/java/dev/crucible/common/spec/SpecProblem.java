package dev.crucible.common.spec;

import java.util.Objects;

/**
 * One thing wrong with a sweep spec, located the way compilers and editors expect.
 *
 * @param file   the source name given to {@link SpecLoader} (for {@link SpecLoader#load} the path as given)
 * @param line   1-based line
 * @param column 1-based column
 * @param reason what is wrong and, where it helps, what would be accepted
 */
public record SpecProblem(String file, int line, int column, String reason) {

    public SpecProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(reason, "reason");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column are 1-based, got " + line + ":" + column);
        }
    }

    /** {@code file:line:column: reason}, which editors and CI logs turn into a link. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + reason;
    }
}
