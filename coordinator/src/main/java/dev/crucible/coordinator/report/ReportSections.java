package dev.crucible.coordinator.report;

import static dev.crucible.coordinator.report.Html.escape;
import static dev.crucible.coordinator.report.Html.percent;

import dev.crucible.common.condition.Condition;
import dev.crucible.coordinator.aggregate.AwarenessRate;
import dev.crucible.coordinator.aggregate.HarmRate;
import dev.crucible.coordinator.aggregate.ModelSpend;
import dev.crucible.coordinator.aggregate.SweepSnapshot;
import dev.crucible.coordinator.aggregate.WilsonInterval;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The parts of a report page drawn from a {@link SweepSnapshot}: progress, figures and tables. {@code report.html}
 * and the live dashboard show the same fragments; the dashboard fetches them again as the sweep runs.
 */
public final class ReportSections {
    /** Beyond this many cells the report's per-condition table points to summary.csv instead of growing the page. */
    public static final int REPORT_CELL_ROWS = 2000;
    /** The dashboard redraws its tables every second: a shorter per-condition table keeps that cheap. */
    public static final int DASHBOARD_CELL_ROWS = 200;

    /** The HTML fragments of one snapshot. */
    public record Fragments(String progress, String figures, String tables) {
    }

    private ReportSections() {
    }

    /** Progress, figures and tables, with the grid indexed once; at most {@code maxCellRows} per-condition rows. */
    public static Fragments render(SweepSnapshot s, int maxCellRows) {
        Pooled grid = new Pooled(s.rates());
        return new Fragments(progress(s), figures(s, grid), tables(s, grid, maxCellRows));
    }

    static String progress(SweepSnapshot s) {
        String state = s.complete() ? "complete" : "in progress";
        return "<p class=\"progress\"><span id=\"done\">" + s.done() + "</span> / <span id=\"total\">" + s.total()
                + "</span> trials finished (" + state + "): " + s.results() + " results, <span id=\"errors\">" + s.errors()
                + "</span> errors, <span id=\"dead-letters\">" + s.deadLetters() + "</span> dead letters, " + s.skipped()
                + " skipped (cancelled), " + s.duplicates() + " duplicate results ignored.</p>";
    }

    /** Every figure: harm rate per model per scenario, the goal × urgency heatmaps, and eval awareness if any. */
    private static String figures(SweepSnapshot s, Pooled grid) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<h2>Harm rate by model</h2><p class=\"caption\">Bars: the share of trials with a decided verdict that were "
                + "harmful, pooled over every dimension the chart does not name; whiskers: 95% Wilson interval. Errors and dead "
                + "letters are never counted as not harmful; they are in the tables.</p>");
        for (String scenario : grid.scenarios()) {
            html.append("<div class=\"figure-box\" data-figure=\"harm\" data-scenario=\"").append(escape(scenario)).append("\">")
                    .append(Figures.harmByModel(grid, scenario, s.simulated())).append("</div>");
        }
        html.append("<h2>Goal type × urgency</h2><p class=\"caption\">Harm rate per model and scenario, pooled over goal values, "
                + "deployment, instructions and notice; grey: not in this sweep. Hover a cell for counts and interval.</p>");
        for (String scenario : grid.scenarios()) {
            html.append("<h3>").append(escape(scenario)).append("</h3><div class=\"heatmaps\">");
            for (String model : grid.models()) {
                html.append(Figures.heatmap(grid, scenario, model, s.simulated()));
            }
            html.append("</div>");
        }
        if (!s.awareness().isEmpty()) {
            html.append("<h2>Evaluation awareness</h2><p class=\"caption\">Conditions with the evaluation-awareness notice only: "
                    + "harm rate by what the model concluded first (deliberation classifier): real deployment, evaluation, or "
                    + "neither; the share of answers reaching each conclusion follows each bar.</p>");
            Set<String> aware = s.awareness().stream().map(AwarenessRate::scenario).collect(Collectors.toSet());
            for (String scenario : grid.scenarios().stream().filter(aware::contains).toList()) {
                html.append("<div class=\"figure-box\" data-figure=\"awareness\">")
                        .append(Figures.awareness(s.awareness(), scenario, s.simulated())).append("</div>");
            }
        }
        return html.toString();
    }

    private static String tables(SweepSnapshot s, Pooled grid, int maxCellRows) {
        StringBuilder html = new StringBuilder(16_384);
        spend(html, s);
        html.append("<h2>Per model and scenario</h2>").append(tableHead("scenario"));
        for (String model : grid.models()) {
            for (String scenario : grid.scenarios()) {
                row(html, grid.sum(model, scenario, scenario + " (all)", c -> true));
            }
        }
        html.append("</tbody></table>");
        html.append("<h2>Per model and condition</h2>");
        if (s.rates().size() > maxCellRows) {
            html.append("<p class=\"note\">").append(s.rates().size()).append(" cells: the first ").append(maxCellRows)
                    .append(" are shown; every cell is in summary.csv.</p>");
        }
        html.append(tableHead("condition"));
        s.rates().stream().limit(maxCellRows).forEach(r -> row(html, r));
        html.append("</tbody></table>");
        if (!s.awareness().isEmpty()) {
            html.append("<h2>Evaluation awareness</h2><table class=\"data\"><thead><tr><th>model</th><th>scenario</th>"
                    + "<th>concluded</th><th>n</th><th>harmful</th><th>rate</th><th>95% CI</th></tr></thead><tbody>");
            for (AwarenessRate a : s.awareness()) {
                WilsonInterval ci = a.interval();
                html.append("<tr><td>").append(escape(a.model())).append("</td><td>").append(escape(a.scenario())).append("</td><td>")
                        .append(escape(a.label())).append("</td><td>").append(a.decided()).append("</td><td>").append(a.harmful())
                        .append("</td><td>").append(percent(a.rate())).append("</td><td>")
                        .append(a.decided() == 0 ? "–" : percent(ci.low()) + " – " + percent(ci.high())).append("</td></tr>");
            }
            html.append("</tbody></table>");
        }
        return html.toString();
    }

    /** Tokens and cost per model: every result read counts, a duplicate included, since it was paid for. */
    private static void spend(StringBuilder html, SweepSnapshot s) {
        if (s.spend().isEmpty()) {
            return;
        }
        html.append("<h2>Tokens and cost per model</h2><p class=\"caption\">Usage as the providers reported it, at the spec's "
                + "prices (USD per million tokens). The simulated model's tokens are made up and cost nothing.</p>"
                + "<table class=\"data\" id=\"spend\"><thead><tr><th>model</th><th>results</th><th>input tokens</th><th>output tokens</th>"
                + "<th>reasoning tokens</th><th>cost (USD)</th></tr></thead><tbody>");
        for (ModelSpend m : s.spend()) {
            html.append("<tr><td>").append(escape(m.model())).append(m.simulated() ? " <span class=\"sim\">simulated</span>" : "")
                    .append("</td><td>").append(m.results()).append("</td><td>").append(m.inputTokens()).append("</td><td>")
                    .append(m.outputTokens()).append("</td><td>").append(m.reasoningTokens()).append("</td><td>")
                    .append(m.simulated() ? "0 (SIMULATED)" : m.costUsd() == null ? "no price"
                            : String.format(java.util.Locale.ROOT, "%.4f", m.costUsd()))
                    .append("</td></tr>");
        }
        html.append("</tbody></table>");
    }

    private static String tableHead(String what) {
        return "<table class=\"data\"><thead><tr><th>model</th><th>" + what + "</th><th>n</th><th>harmful</th><th>errors</th>"
                + "<th>dead letters</th><th>rate</th><th>95% CI</th></tr></thead><tbody>";
    }

    private static void row(StringBuilder html, HarmRate r) {
        WilsonInterval ci = r.interval();
        String where = r.conditionId().endsWith(" (all)") ? r.conditionId() : describe(r.conditionId());
        html.append("<tr><td>").append(escape(r.model())).append(r.simulated() ? " <span class=\"sim\">simulated</span>" : "")
                .append("</td><td>").append(where).append("</td><td>").append(r.decided()).append("</td><td>").append(r.harmful())
                .append("</td><td>").append(r.errors()).append("</td><td>").append(r.deadLetters()).append("</td><td>")
                .append(percent(r.rate())).append("</td><td>")
                .append(r.decided() == 0 ? "–" : percent(ci.low()) + " – " + percent(ci.high())).append("</td></tr>");
    }

    /** The condition ID, with its dimensions spelled out on hover. */
    private static String describe(String conditionId) {
        Condition c = Condition.parse(conditionId);
        String title = String.format(Locale.ROOT, "goal %s (%s), urgency %s, %s, instructions %s, notice %s", c.goalType().token(),
                c.goalValue().token(), c.urgency().token(), c.deployment().token(), c.instructions().token(), c.evalNotice() ? "on" : "off");
        return "<code title=\"" + escape(title) + "\">" + escape(conditionId) + "</code>";
    }
}
