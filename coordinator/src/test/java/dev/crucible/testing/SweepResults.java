package dev.crucible.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crucible.common.result.TrialResult;
import dev.crucible.common.trial.Sweep;
import dev.crucible.common.trial.TrialPlan;
import dev.crucible.common.wire.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The property every sweep test ends on: each of the sweep's trials is in results.jsonl exactly once. */
public final class SweepResults {
    private SweepResults() {
    }

    public static List<TrialResult> assertEveryTrialExactlyOnce(Sweep sweep, Path resultsFile) throws IOException {
        List<TrialResult> results = Files.readAllLines(resultsFile).stream()
                .map(line -> Json.read(line.getBytes(StandardCharsets.UTF_8), TrialResult.class))
                .toList();
        TrialPlan plan = new TrialPlan(sweep);
        Set<String> expected = new HashSet<>();
        for (long i = 0; i < plan.size(); i++) {
            expected.add(plan.trial(i).trialId());
        }
        assertThat(results.stream().map(TrialResult::trialId)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        return results;
    }
}
