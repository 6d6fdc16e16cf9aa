package dev.crucible.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crucible.common.result.TrialResult;
import dev.crucible.common.trial.Sweep;
import dev.crucible.common.trial.TrialPlan;
import dev.crucible.common.wire.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        assertThat(results.stream().map(TrialResult::trialId)).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expectedTrialIds(sweep));
        return results;
    }

    /**
     * The property of a sweep that may dead-letter trials: each trial is exactly once in {@code results.jsonl} or in
     * {@code dead-letters.jsonl} (with a reason), never in both, none missing.
     */
    public static void assertEveryTrialOnceInResultsOrDeadLetters(Sweep sweep, Path outputs) throws IOException {
        List<String> results = Files.readAllLines(outputs.resolve("results.jsonl")).stream()
                .map(line -> Json.read(line.getBytes(StandardCharsets.UTF_8), TrialResult.class).trialId()).toList();
        List<String> dead = new ArrayList<>();
        Path deadLetters = outputs.resolve("dead-letters.jsonl");
        for (String line : Files.exists(deadLetters) ? Files.readAllLines(deadLetters) : List.<String>of()) {
            JsonNode node = Json.mapper().readTree(line);
            assertThat(node.path("reason").asText()).as("dead letter %s has a reason", line).isNotBlank();
            dead.add(node.get("trialId").asText());
        }
        assertThat(results).doesNotHaveDuplicates();
        assertThat(dead).doesNotHaveDuplicates().allSatisfy(trialId -> assertThat(results).doesNotContain(trialId));
        List<String> all = new ArrayList<>(results);
        all.addAll(dead);
        assertThat(all).containsExactlyInAnyOrderElementsOf(expectedTrialIds(sweep));
    }

    private static Set<String> expectedTrialIds(Sweep sweep) {
        TrialPlan plan = new TrialPlan(sweep);
        Set<String> expected = new HashSet<>();
        for (long i = 0; i < plan.size(); i++) {
            expected.add(plan.trial(i).trialId());
        }
        return expected;
    }
}
