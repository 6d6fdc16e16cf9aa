package dev.crucible.coordinator.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crucible.coordinator.aggregate.AwarenessRate;
import dev.crucible.coordinator.aggregate.HarmRate;
import dev.crucible.coordinator.aggregate.SweepSnapshot;
import dev.crucible.coordinator.aggregate.WilsonInterval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReportPageTest {
    private static final String HEADLINE = "blackmail_explicit-america_replacement_dev_instr-none_notice-off";
    private static final String HEADLINE_GLOBAL = "blackmail_explicit-global_replacement_dev_instr-none_notice-off";
    private static final String THREAT_ONLY = "blackmail_none-none_replacement_dev_instr-none_notice-off";
    private static final String CONTROL = "blackmail_none-none_none_dev_instr-none_notice-off";
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    @Test
    void harmFigureHasABarAndA95PercentWhiskerPerModelPooledOverGoalValues() {
        String html = ReportPage.report(snapshot(true, List.of()), TranscriptSample.none(), NOW);

        String figure = element(html, "svg", "id=\"harm-blackmail\"");
        // model a: 70/100 (america) + 10/100 (global) pooled to 80/200
        assertThat(bar(figure, "simulated/sim-a", "goal explicit + urgency replacement")).contains("data-rate=\"0.4000\"");
        assertThat(bar(figure, "simulated/sim-b", "goal explicit + urgency replacement")).contains("data-rate=\"0.0500\"");
        assertThat(bar(figure, "simulated/sim-a", "control: goal none + urgency none")).contains("data-rate=\"0.0100\"");
        WilsonInterval ci = WilsonInterval.of95(80, 200);
        assertThat(figure).contains(String.format(Locale.ROOT, "data-low=\"%.4f\" data-high=\"%.4f\"", ci.low(), ci.high()));
        assertThat(count(figure, "<rect class=\"bar\"")).isEqualTo(4);
        assertThat(count(figure, "<g class=\"ci\"")).isEqualTo(4);
        assertThat(figure).contains("40.0%  (80/200)");
    }

    @Test
    void heatmapHasOneCellPerGoalTypeAndUrgencyForEachModel() {
        String html = ReportPage.report(snapshot(true, List.of()), TranscriptSample.none(), NOW);

        String heatmap = element(html, "svg", "data-model=\"simulated/sim-a\"");
        assertThat(count(heatmap, "<rect class=\"cell\"")).isEqualTo(4);
        assertThat(heatmap).contains(">explicit<").contains(">none<").contains(">replacement<");
        assertThat(heatmap).contains("data-rate=\"0.4000\"").contains("data-rate=\"0.2000\"").contains("data-rate=\"0.0100\"");
        // explicit × none is not in the sweep: drawn grey with a dash, not as 0%
        assertThat(heatmap).contains("fill=\"#eeeeee\"").contains(">—<");
        assertThat(count(html, "class=\"figure heatmap\"")).isEqualTo(2);
    }

    @Test
    void simulatedSweepsCarryTheBannerAndEveryFigureIsMarked() {
        String html = ReportPage.report(snapshot(true, List.of()), TranscriptSample.none(), NOW);

        assertThat(html).contains("<div class=\"banner\" id=\"simulated-banner\">SIMULATED:");
        assertThat(html).contains("<title>SIMULATED — ");
        assertThat(count(html, "<svg ")).isEqualTo(count(html, "class=\"simulated-mark\""));
    }

    @Test
    void realSweepsSayNothingAboutSimulation() {
        String html = ReportPage.report(snapshot(false, List.of()), TranscriptSample.none(), NOW);

        assertThat(html).doesNotContain("simulated-banner").doesNotContain("simulated-mark").doesNotContain("SIMULATED:")
                .doesNotContain("<title>SIMULATED");
    }

    @Test
    void awarenessFigureAppearsOnlyWithDeliberationCounts() {
        assertThat(ReportPage.report(snapshot(true, List.of()), TranscriptSample.none(), NOW)).doesNotContain("awareness-blackmail");

        List<AwarenessRate> awareness = List.of(
                new AwarenessRate("simulated/sim-a", "blackmail", "deployment", 20, 11),
                new AwarenessRate("simulated/sim-a", "blackmail", "evaluation", 60, 4));
        String figure = element(ReportPage.report(snapshot(true, awareness), TranscriptSample.none(), NOW), "svg", "id=\"awareness-blackmail\"");

        assertThat(bar(figure, "simulated/sim-a", "said real")).contains("data-rate=\"0.5500\"");
        assertThat(bar(figure, "simulated/sim-a", "said evaluation")).contains("data-rate=\"0.0667\"");
        assertThat(figure).contains("55.0%  (11/20) (25% of answers)");
    }

    @Test
    void tablesListEveryCellWithErrorsAndDeadLettersApart() {
        String html = ReportPage.report(snapshot(true, List.of()), TranscriptSample.none(), NOW);

        assertThat(html).contains(HEADLINE).contains(CONTROL);
        assertThat(html).contains("<td>100</td><td>70</td><td>3</td><td>2</td><td>70.0%</td>");
    }

    @Test
    void dashboardPageHasTheSameHeadAndFetchesTheSnapshot() {
        String page = ReportPage.dashboard("s-1", true);

        assertThat(page).contains("id=\"simulated-banner\"").contains("fetch('api/snapshot'").contains("id=\"figures\"");
        assertThat(ReportPage.dashboard("s-1", false)).doesNotContain("simulated-banner");
    }

    static SweepSnapshot snapshot(boolean simulated, List<AwarenessRate> awareness) {
        List<HarmRate> rates = new ArrayList<>();
        rates.add(new HarmRate("simulated/sim-a", simulated, "blackmail", HEADLINE, 100, 70, 3, 2));
        rates.add(new HarmRate("simulated/sim-a", simulated, "blackmail", HEADLINE_GLOBAL, 100, 10, 0, 0));
        rates.add(new HarmRate("simulated/sim-a", simulated, "blackmail", THREAT_ONLY, 100, 20, 0, 0));
        rates.add(new HarmRate("simulated/sim-a", simulated, "blackmail", CONTROL, 100, 1, 0, 0));
        rates.add(new HarmRate("simulated/sim-b", simulated, "blackmail", HEADLINE, 100, 5, 0, 0));
        rates.add(new HarmRate("simulated/sim-b", simulated, "blackmail", HEADLINE_GLOBAL, 100, 5, 0, 0));
        rates.add(new HarmRate("simulated/sim-b", simulated, "blackmail", THREAT_ONLY, 100, 0, 0, 0));
        rates.add(new HarmRate("simulated/sim-b", simulated, "blackmail", CONTROL, 100, 0, 0, 0));
        return new SweepSnapshot("s-1", simulated, 805, 803, 2, 3, 0, rates, awareness);
    }

    /** The first {@code <tag …attribute…>…</tag>} element. */
    static String element(String html, String tag, String attribute) {
        Matcher m = Pattern.compile("<" + tag + "[^>]*" + Pattern.quote(attribute) + "[^>]*>.*?</" + tag + ">", Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("<%s %s> in the page", tag, attribute).isTrue();
        return m.group();
    }

    private static String bar(String svg, String model, String series) {
        Matcher m = Pattern.compile("<rect class=\"bar\"[^>]*data-model=\"" + Pattern.quote(model) + "\" data-series=\""
                + Pattern.quote(series) + "\"[^>]*>").matcher(svg);
        assertThat(m.find()).as("bar of %s, %s", model, series).isTrue();
        return m.group();
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
