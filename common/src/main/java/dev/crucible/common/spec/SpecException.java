package dev.crucible.common.spec;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A sweep spec was refused. Carries every problem found, not just the first, so a user fixes a spec in one
 * round instead of one error per run. Problems are in document order; the message lists them one per line.
 */
public final class SpecException extends Exception {

    private final List<SpecProblem> problems;

    SpecException(List<SpecProblem> problems) {
        super(problems.stream().map(SpecProblem::toString).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a SpecException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** At least one problem, in document order. */
    public List<SpecProblem> problems() {
        return problems;
    }
}
