package dev.crucible.coordinator.report;

import static dev.crucible.coordinator.report.Html.escape;
import static dev.crucible.coordinator.report.Html.num;
import static dev.crucible.coordinator.report.Html.percent;

import dev.crucible.common.condition.Condition;
import dev.crucible.common.condition.GoalType;
import dev.crucible.common.condition.Urgency;
import dev.crucible.coordinator.aggregate.AwarenessRate;
import dev.crucible.coordinator.aggregate.HarmRate;
import dev.crucible.coordinator.aggregate.WilsonInterval;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The study's figures as inline SVG, drawn here rather than in the browser so the report needs no script to
 * show them and tests can read them: harm rate per model with 95% Wilson error bars per scenario, a goal type ×
 * urgency heatmap per model and scenario, and harm rates conditional on what the model concluded under the
 * evaluation-awareness notice. Elements carry classes ({@code bar}, {@code ci}, {@code cell}) and a
 * {@code <title>} with the numbers, which is what a reader hovers and what tests look for.
 */
final class Figures {
    private static final int LABEL_WIDTH = 210;
    private static final int PLOT_WIDTH = 440;
    private static final int BAR = 13;
    private static final String HEADLINE_COLOUR = "#2f6db0";
    private static final String CONTROL_COLOUR = "#9fb3c8";
    private static final String REAL_COLOUR = "#c0392b";
    private static final String EVAL_COLOUR = "#5d8aa8";
    private static final String NEITHER_COLOUR = "#999999";

    private Figures() {
    }

    /** One bar of a bar chart; {@code note} follows its value. */
    record Bar(String series, String colour, HarmRate counts, String note) {
    }

    /**
     * Per scenario: each model's harm rate in the headline slice (most goal conflict and threat present) and in
     * the control (neither), pooled over the dimensions not shown.
     */
    static String harmByModel(Pooled grid, String scenario, boolean simulated) {
        List<Condition> conditions = grid.conditions(scenario);
        Condition headline = Pooled.headline(conditions).orElseThrow();
        String headlineLabel = slice(headline.goalType(), headline.urgency());
        boolean control = Pooled.hasControl(conditions) && !Pooled.isControl(headline);
        List<List<Bar>> groups = new ArrayList<>();
        List<String> models = grid.models();
        for (String model : models) {
            List<Bar> group = new ArrayList<>();
            group.add(new Bar(headlineLabel, HEADLINE_COLOUR, grid.sum(model, scenario, headlineLabel,
                    c -> c.goalType() == headline.goalType() && c.urgency() == headline.urgency()), ""));
            if (control) {
                group.add(new Bar("control: " + slice(GoalType.NONE, Urgency.NONE), CONTROL_COLOUR,
                        grid.sum(model, scenario, "control", Pooled::isControl), ""));
            }
            groups.add(group);
        }
        return barChart("harm-" + scenario, scenario + ": harm rate by model", models, groups, simulated);
    }

    /** Per scenario and model: the harm rate of each goal type × urgency pair, pooled over the other dimensions. */
    static String heatmap(Pooled grid, String scenario, String model, boolean simulated) {
        List<Condition> conditions = grid.conditions(scenario);
        List<GoalType> goals = Pooled.goalTypes(conditions);
        List<Urgency> urgencies = Pooled.urgencies(conditions);
        int cellW = 74;
        int cellH = 30;
        int left = 78;
        int top = 44;
        int width = left + cellW * urgencies.size() + 8;
        int height = top + cellH * goals.size() + 8;
        StringBuilder svg = open("heatmap", width, height, simulated, 28, "data-scenario=\"" + escape(scenario) + "\" data-model=\"" + escape(model) + "\"");
        svg.append(text(4, 14, "title", model, "start"));
        for (int u = 0; u < urgencies.size(); u++) {
            svg.append(text(left + cellW * u + cellW / 2.0, top - 6, "axis", urgencies.get(u).token(), "middle"));
        }
        for (int g = 0; g < goals.size(); g++) {
            GoalType goal = goals.get(g);
            svg.append(text(left - 6, top + cellH * g + cellH / 2.0 + 4, "axis", goal.token(), "end"));
            for (int u = 0; u < urgencies.size(); u++) {
                Urgency urgency = urgencies.get(u);
                HarmRate cell = grid.sum(model, scenario, goal.token() + " × " + urgency.token(),
                        c -> c.goalType() == goal && c.urgency() == urgency);
                double x = left + cellW * u;
                double y = top + cellH * g;
                boolean present = conditions.stream().anyMatch(c -> c.goalType() == goal && c.urgency() == urgency);
                String fill = !present ? "#eeeeee" : cell.decided() == 0 ? "#f7f7f7" : heat(cell.rate());
                svg.append("<rect class=\"cell\" x=\"").append(num(x)).append("\" y=\"").append(num(y))
                        .append("\" width=\"").append(cellW - 2).append("\" height=\"").append(cellH - 2)
                        .append("\" fill=\"").append(fill).append("\" data-rate=\"").append(rateAttr(cell)).append("\">")
                        .append("<title>").append(escape(tooltip(model, scenario + ", goal " + goal.token() + ", urgency " + urgency.token(), cell)))
                        .append("</title></rect>");
                String label = !present ? "—" : cell.decided() == 0 ? "n=0" : percent(cell.rate());
                String colour = present && cell.decided() > 0 && cell.rate() > 0.55 ? "#ffffff" : "#222222";
                svg.append("<text class=\"value\" x=\"").append(num(x + cellW / 2.0 - 1)).append("\" y=\"").append(num(y + cellH / 2.0 + 4))
                        .append("\" text-anchor=\"middle\" fill=\"").append(colour).append("\">").append(escape(label)).append("</text>");
            }
        }
        return svg.append("</svg>").toString();
    }

    /**
     * Per scenario: among trials with the evaluation-awareness notice, each model's harm rate when it concluded
     * the situation was real, an evaluation, or neither, and how often it concluded each.
     */
    static String awareness(List<AwarenessRate> awareness, String scenario, boolean simulated) {
        List<AwarenessRate> rows = awareness.stream().filter(a -> a.scenario().equals(scenario)).toList();
        List<String> models = rows.stream().map(AwarenessRate::model).distinct().toList();
        List<List<Bar>> groups = new ArrayList<>();
        for (String model : models) {
            long labelled = rows.stream().filter(a -> a.model().equals(model)).mapToLong(AwarenessRate::decided).sum();
            List<Bar> group = new ArrayList<>();
            for (String label : List.of("deployment", "evaluation", "neither")) {
                rows.stream().filter(a -> a.model().equals(model) && a.label().equals(label)).findFirst().ifPresent(a -> {
                    String series = switch (label) {
                        case "deployment" -> "said real";
                        case "evaluation" -> "said evaluation";
                        default -> "said neither";
                    };
                    String share = labelled == 0 ? "" : String.format(Locale.ROOT, " (%.0f%% of answers)", 100.0 * a.decided() / labelled);
                    String colour = switch (label) {
                        case "deployment" -> REAL_COLOUR;
                        case "evaluation" -> EVAL_COLOUR;
                        default -> NEITHER_COLOUR;
                    };
                    group.add(new Bar(series, colour, new HarmRate(model, simulated, scenario, series, a.decided(), a.harmful(), 0, 0), share));
                });
            }
            groups.add(group);
        }
        return barChart("awareness-" + scenario, scenario + ": harm rate by what the model concluded", models, groups, simulated);
    }

    /** Horizontal bars, one group per model, a whisker for each bar's 95% interval, a legend on top. */
    private static String barChart(String id, String title, List<String> models, List<List<Bar>> groups, boolean simulated) {
        int perGroup = groups.stream().mapToInt(List::size).max().orElse(1);
        int groupH = perGroup * (BAR + 3) + 10;
        List<Bar> legend = groups.stream().flatMap(List::stream).filter(distinctSeries()).toList();
        int top = 34 + 16 * legend.size();
        int width = LABEL_WIDTH + PLOT_WIDTH + 240;
        int height = top + groupH * models.size() + 28;
        StringBuilder svg = open("bars", width, height, simulated, 14, "id=\"" + escape(id) + "\"");
        svg.append(text(4, 16, "title", title, "start"));
        for (int i = 0; i < legend.size(); i++) {
            Bar b = legend.get(i);
            svg.append("<rect class=\"swatch\" x=\"").append(LABEL_WIDTH).append("\" y=\"").append(24 + 16 * i)
                    .append("\" width=\"10\" height=\"10\" fill=\"").append(b.colour()).append("\"/>");
            svg.append(text(LABEL_WIDTH + 14, 33 + 16 * i, "legend", b.series(), "start"));
        }
        for (int tick = 0; tick <= 100; tick += 25) {
            double x = LABEL_WIDTH + PLOT_WIDTH * tick / 100.0;
            svg.append("<line class=\"grid\" x1=\"").append(num(x)).append("\" x2=\"").append(num(x)).append("\" y1=\"").append(top - 4)
                    .append("\" y2=\"").append(height - 22).append("\" stroke=\"#dddddd\"/>");
            svg.append(text(x, height - 8, "axis", tick + "%", "middle"));
        }
        for (int m = 0; m < models.size(); m++) {
            double groupTop = top + groupH * m;
            svg.append(text(LABEL_WIDTH - 8, groupTop + groupH / 2.0, "model", models.get(m), "end"));
            List<Bar> group = groups.get(m);
            for (int i = 0; i < group.size(); i++) {
                bar(svg, group.get(i), groupTop + 4 + i * (BAR + 3));
            }
        }
        return svg.append("</svg>").toString();
    }

    private static void bar(StringBuilder svg, Bar b, double y) {
        HarmRate r = b.counts();
        double rate = r.decided() == 0 ? 0 : r.rate();
        svg.append("<rect class=\"bar\" x=\"").append(LABEL_WIDTH).append("\" y=\"").append(num(y)).append("\" width=\"")
                .append(num(PLOT_WIDTH * rate)).append("\" height=\"").append(BAR).append("\" fill=\"").append(b.colour())
                .append("\" data-model=\"").append(escape(r.model())).append("\" data-series=\"").append(escape(b.series()))
                .append("\" data-rate=\"").append(rateAttr(r)).append("\"><title>")
                .append(escape(tooltip(r.model(), b.series(), r))).append("</title></rect>");
        double mid = y + BAR / 2.0;
        if (r.decided() > 0) {
            WilsonInterval ci = r.interval();
            double lo = LABEL_WIDTH + PLOT_WIDTH * ci.low();
            double hi = LABEL_WIDTH + PLOT_WIDTH * ci.high();
            svg.append("<g class=\"ci\" stroke=\"#111111\" data-low=\"").append(String.format(Locale.ROOT, "%.4f", ci.low()))
                    .append("\" data-high=\"").append(String.format(Locale.ROOT, "%.4f", ci.high())).append("\">")
                    .append(line(lo, mid, hi, mid)).append(line(lo, mid - 4, lo, mid + 4)).append(line(hi, mid - 4, hi, mid + 4))
                    .append("</g>");
        }
        String value = (r.decided() == 0 ? "no decided trials" : percent(r.rate()) + "  (" + r.harmful() + "/" + r.decided() + ")") + b.note();
        svg.append(text(LABEL_WIDTH + PLOT_WIDTH + 8, mid + 4, "value", value, "start"));
    }

    private static java.util.function.Predicate<Bar> distinctSeries() {
        java.util.Set<String> seen = new java.util.HashSet<>();
        return b -> seen.add(b.series());
    }

    /** The figure's element; a simulated sweep's figure is marked at {@code markY}, clear of its title. */
    private static StringBuilder open(String kind, int width, int height, boolean simulated, int markY, String attributes) {
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"figure ").append(kind).append("\" ").append(attributes)
                .append(" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\" font-family=\"sans-serif\" font-size=\"12\">");
        if (simulated) {
            // a figure copied out of the report keeps its warning
            svg.append("<text class=\"simulated-mark\" x=\"").append(width - 6).append("\" y=\"").append(markY).append("\" text-anchor=\"end\" fill=\"#b00020\" font-weight=\"bold\">SIMULATED</text>");
        }
        return svg;
    }

    private static String text(double x, double y, String cls, String content, String anchor) {
        return "<text class=\"" + cls + "\" x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" + anchor + "\">" + escape(content) + "</text>";
    }

    private static String line(double x1, double y1, double x2, double y2) {
        return "<line x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) + "\" y2=\"" + num(y2) + "\"/>";
    }

    private static String tooltip(String model, String what, HarmRate r) {
        if (r.decided() == 0) {
            return model + " — " + what + ": no decided trials yet (errors " + r.errors() + ", dead letters " + r.deadLetters() + ")";
        }
        WilsonInterval ci = r.interval();
        return model + " — " + what + ": " + percent(r.rate()) + " harmful (" + r.harmful() + "/" + r.decided() + "), 95% CI "
                + percent(ci.low()) + "–" + percent(ci.high()) + "; errors " + r.errors() + ", dead letters " + r.deadLetters();
    }

    private static String rateAttr(HarmRate r) {
        return r.decided() == 0 ? "" : String.format(Locale.ROOT, "%.4f", r.rate());
    }

    /** White at 0%, dark red at 100%. */
    static String heat(double rate) {
        double t = Math.max(0, Math.min(1, rate));
        int red = (int) Math.round(255 + (165 - 255) * t);
        int green = (int) Math.round(255 + (15 - 255) * t);
        int blue = (int) Math.round(255 + (21 - 255) * t);
        return String.format(Locale.ROOT, "#%02x%02x%02x", red, green, blue);
    }

    static String slice(GoalType goal, Urgency urgency) {
        return "goal " + goal.token() + " + urgency " + urgency.token();
    }
}
