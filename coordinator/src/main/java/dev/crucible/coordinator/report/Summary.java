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
 * ci95_low, ci95_high (Wilson score interval).
 */
public final class Summary {
    public static final String CSV_HEADER = "model,simulated,scenario,condition,n,harmful,errors,dead_letters,rate,ci95_low,ci95_high";
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
                    r.decided() == 0 ? "" : decimal(r.rate()), decimal(ci.low()), decimal(ci.high())));
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
            merged.merge(r.model() + '\u0000' + r.scenario(),
                    new HarmRate(r.model(), r.simulated(), r.scenario(), r.scenario() + " (all)", r.decided(), r.harmful(), r.errors(), r.deadLetters()),
                    (a, b) -> new HarmRate(a.model(), a.simulated(), a.scenario(), a.conditionId(),
                            a.decided() + b.decided(), a.harmful() + b.harmful(), a.errors() + b.errors(), a.deadLetters() + b.deadLetters()));
        }
        return List.copyOf(merged.values());
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
