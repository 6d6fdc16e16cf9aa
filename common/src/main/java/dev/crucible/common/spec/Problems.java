package dev.crucible.common.spec;

import dev.crucible.common.spec.YamlNode.Mark;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects problems while a spec is read and bound, so that all of them can be reported together. */
final class Problems {

    private final String file;
    private final List<SpecProblem> found = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    /** Escapes line breaks and tabs that a quoted key or value may carry, to keep one problem per line. */
    void add(Mark mark, String reason) {
        String oneLine = reason.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
        found.add(new SpecProblem(file, mark.line(), mark.column(), oneLine));
    }

    /** Lets a binder tell whether a part it just read added problems, without threading flags through. */
    int count() {
        return found.size();
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /**
     * The problems by position. Binders visit fields in a fixed order, not the user's, so document order is
     * restored here; the sort is stable, so problems at one spot keep the order they were found in.
     */
    List<SpecProblem> inDocumentOrder() {
        List<SpecProblem> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.comparingInt(SpecProblem::line).thenComparingInt(SpecProblem::column));
        return List.copyOf(sorted);
    }

    SpecException exception() {
        return new SpecException(inDocumentOrder());
    }
}
