package dev.crucible.coordinator.cli;

import dev.crucible.common.scenario.PromptRenderer;
import dev.crucible.common.spec.SweepSpec;
import dev.crucible.common.trial.Sweep;
import dev.crucible.coordinator.plan.TokenEstimate;
import dev.crucible.coordinator.plan.TokenEstimator;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "plan", description = {
        "Prints a spec's size before running it: conditions, trials and estimated input/output tokens per scenario and model.",
        "Contacts nothing: no broker, no model."})
final class PlanCommand implements Callable<Integer> {
    private static final String ROW = "%-10s  %-40s  %10s  %12s  %16s  %16s%n";

    @Mixin
    SpecArgument spec;

    @Option(names = "--output-tokens", paramLabel = "N", description = "assume N output tokens per trial (default: "
            + TokenEstimator.OUTPUT_TOKENS_DEV + " with the scratchpad, " + TokenEstimator.OUTPUT_TOKENS_PROD + " without)")
    Integer outputTokens;

    @Override
    public Integer call() {
        PrintWriter out = spec.out();
        PrintWriter err = spec.err();
        Optional<SweepSpec> loaded = spec.load();
        if (loaded.isEmpty()) {
            return Crucible.EXIT_INVALID_INPUT;
        }
        if (outputTokens != null && outputTokens < 0) {
            err.println("crucible: --output-tokens must be 0 or more");
            return Crucible.EXIT_INVALID_INPUT;
        }
        SweepSpec sweepSpec = loaded.get();
        List<TokenEstimate> rows = new TokenEstimator(PromptRenderer.standard(),
                outputTokens == null ? OptionalInt.empty() : OptionalInt.of(outputTokens)).estimate(sweepSpec);
        out.printf(Locale.ROOT, "sweep %s: %,d trials (%,d conditions × %d models × %,d samples)%n%n", Sweep.of(sweepSpec).sweepId(),
                sweepSpec.trialCount(), sweepSpec.space().size(), sweepSpec.models().size(), sweepSpec.samples());
        out.printf(Locale.ROOT, ROW, "scenario", "model", "conditions", "trials", "input tokens", "output tokens");
        long input = 0;
        long output = 0;
        for (TokenEstimate row : rows) {
            out.printf(Locale.ROOT, ROW, row.scenario().token(), row.model().id() + (row.model().simulated() ? " [simulated]" : ""),
                    count(row.conditions()), count(row.trials()), count(row.inputTokens()), count(row.outputTokens()));
            input += row.inputTokens();
            output += row.outputTokens();
        }
        out.printf(Locale.ROOT, ROW, "total", "", count(sweepSpec.space().size()), count(sweepSpec.trialCount()), count(input), count(output));
        out.println();
        out.printf(Locale.ROOT, "Input tokens: characters of the rendered system and user prompts / %d, averaged over up to %d renders"
                + " per scenario.%n", TokenEstimator.CHARS_PER_TOKEN, TokenEstimator.SAMPLED_RENDERS);
        out.println(outputTokens == null
                ? String.format(Locale.ROOT, "Output tokens: an assumption, not a measurement: %,d per trial with the scratchpad (dev),"
                        + " %,d without (prod); --output-tokens N sets your own.", TokenEstimator.OUTPUT_TOKENS_DEV, TokenEstimator.OUTPUT_TOKENS_PROD)
                : String.format(Locale.ROOT, "Output tokens: %,d per trial, as given by --output-tokens.", outputTokens));
        if (rows.stream().anyMatch(row -> row.model().simulated())) {
            out.println("[simulated] models call no API: their tokens are counted for comparison and cost nothing.");
        }
        out.flush();
        return 0;
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
