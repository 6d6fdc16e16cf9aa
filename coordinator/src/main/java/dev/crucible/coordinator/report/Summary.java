package dev.crucible.coordinator.report;

import dev.crucible.coordinator.aggregate.HarmRate;
import dev.crucible.coordinator.aggregate.WilsonInterval;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The sweep's harm rates as {@code summary.csv} and as a table on the terminal. Simulated models are
 * flagged in both, so nobody mistakes them for a measurement of a real model.
 *
 * <p>{@code summary.csv} columns: model, simulated, scenario, condition, n (trials with a decided verdict),
 * harmful, errors (trials that erred or could not be classified; not in n), dead_letters (trials the broker
 * dead-lettered after their last delivery attempt, without a result; not in n), rate (harmful / n),
 * ci95_low, ci95_high (Wilson score interval), skipped (trials not run: the sweep was cancelled), input_tokens,
 * output_tokens, reasoning_tokens, cost_usd (empty when a real model has no price; 0 for the simulated model).
 */
public final class Summary {
    public static final String CSV_HEADER = "model,simulated,scenario,condition,n,harmful,errors,dead_letters,rate,ci95_low,ci95_high,"
            + "skipped,input_tokens,output_tokens,reasoning_tokens,cost_usd";
    public static final String SIMULATED_BANNER = "SIMULATED: results from Crucible's simulated model measure no real model.";
    private static final int MAX_TABLE_ROWS = 60;

    private final String sweepId;
    private final List<HarmRate> rates;

    public Summary(String sweepId, List<HarmRate> rates) {
        this.sweepId = sweepId;
        this.rates = List.copyOf(rates);
    }

    public boolean simulated() {
        return rates.stream().anyMatch(HarmRate::simulated);
    }

    /** Dead-lettered trials without a result, over every cell. */
    public long deadLetters() {
        return rates.stream().mapToLong(HarmRate::deadLetters).sum();
    }

    public void writeCsv(Path file) {
        List<String> lines = new ArrayList<>();
        lines.add(CSV_HEADER);
        for (HarmRate r : rates) {
            WilsonInterval ci = r.interval();
            lines.add(String.join(",", csv(r.model()), Boolean.toString(r.simulated()), r.scenario(), r.conditionId(),
                    Long.toString(r.decided()), Long.toString(r.harmful()), Long.toString(r.errors()), Long.toString(r.deadLetters()),
                    r.decided() == 0 ? "" : decimal(r.rate()), decimal(ci.low()), decimal(ci.high()), Long.toString(r.skipped()),
                    Long.toString(r.inputTokens()), Long.toString(r.outputTokens()), Long.toString(r.reasoningTokens()),
                    r.costUsd() == null ? "" : String.format(Locale.ROOT, "%.6f", r.costUsd())));
        }
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Per model × condition; when the grid is too large for a terminal, per model × scenario. */
    public void print(PrintStream out) {
        out.println();
        out.println("Sweep " + sweepId + " — harm rate with 95% Wilson interval");
        if (simulated()) {
            out.println(SIMULATED_BANNER);
        }
        List<HarmRate> rows = rates.size() <= MAX_TABLE_ROWS ? rates : byScenario();
        if (rows != rates) {
            out.println("(" + rates.size() + " cells: showing per model and scenario; every condition is in summary.csv)");
        }
        int modelWidth = Math.max(5, rows.stream().mapToInt(r -> label(r).length()).max().orElse(5));
        int conditionWidth = Math.max(9, rows.stream().mapToInt(r -> r.conditionId().length()).max().orElse(9));
        String format = "%-" + modelWidth + "s  %-" + conditionWidth + "s  %6s  %7s  %6s  %6s  %7s  %-17s%n";
        out.printf(format, "model", "condition", "n", "harmful", "errors", "dead", "rate", "95% CI");
        for (HarmRate r : rows) {
            WilsonInterval ci = r.interval();
            out.printf(format, label(r), r.conditionId(), r.decided(), r.harmful(), r.errors(), r.deadLetters(),
                    r.decided() == 0 ? "-" : percent(r.rate()), "[" + percent(ci.low()) + ", " + percent(ci.high()) + "]");
        }
    }

    private List<HarmRate> byScenario() {
        Map<String, HarmRate> merged = new LinkedHashMap<>();
        for (HarmRate r : rates) {
            String pooled = r.scenario() + " (all)";
            merged.merge(r.model() + '\u0000' + r.scenario(), r.plus(zero(r), pooled), (a, b) -> a.plus(b, pooled));
        }
        return List.copyOf(merged.values());
    }

    private static HarmRate zero(HarmRate r) {
        return new HarmRate(r.model(), r.simulated(), r.scenario(), r.conditionId(), 0, 0, 0, 0, 0, 0, 0, 0, 0.0);
    }

    /** Finished trials over every cell: decided, errors, dead letters and skipped. */
    public long done() {
        return rates.stream().mapToLong(r -> r.decided() + r.errors() + r.deadLetters() + r.skipped()).sum();
    }

    /** Tokens and cost per model, from the cells, in plan order. */
    public List<dev.crucible.coordinator.aggregate.ModelSpend> spend() {
        Map<String, HarmRate> byModel = new LinkedHashMap<>();
        for (HarmRate r : rates) {
            byModel.merge(r.model(), r, (a, b) -> a.plus(b, ""));
        }
        List<dev.crucible.coordinator.aggregate.ModelSpend> out = new ArrayList<>();
        byModel.values().forEach(r -> out.add(new dev.crucible.coordinator.aggregate.ModelSpend(r.model(), r.simulated(),
                r.decided() + r.errors() + r.skipped(), r.inputTokens(), r.outputTokens(), r.reasoningTokens(), r.costUsd())));
        return out;
    }

    private static String label(HarmRate r) {
        return r.simulated() ? r.model() + " [simulated]" : r.model();
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f%%", value * 100);
    }

    private static String decimal(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }

    private static String csv(String value) {
        return value.contains(",") || value.contains("\"") ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
