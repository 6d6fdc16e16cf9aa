package dev.crucible.coordinator.report;

import static dev.crucible.coordinator.report.Html.escape;

import dev.crucible.coordinator.aggregate.SweepSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Whole HTML pages: {@code report.html} (everything inline: styles, figures, the transcript sample and the few
 * lines of script that browse it; it opens offline from disk) and the live dashboard's page, which has the same
 * head, banner and sections and fills them from the dashboard's JSON as the sweep runs.
 */
public final class ReportPage {
    private static final String STYLE = resource("report.css");
    private static final String TRANSCRIPT_SCRIPT = resource("transcripts.js");
    private static final String DASHBOARD_SCRIPT = resource("dashboard.js");

    private ReportPage() {
    }

    /** The static report of {@code snapshot}, with the transcripts of {@code sample}. */
    public static String report(SweepSnapshot snapshot, TranscriptSample sample, Instant generated) {
        StringBuilder html = head("Crucible report: " + snapshot.sweepId(), snapshot.simulated());
        html.append("<header><h1>Sweep ").append(escape(snapshot.sweepId())).append("</h1><p class=\"meta\">Report generated ")
                .append(generated).append(". Next to this file: <code>summary.csv</code> (every cell), <code>results.jsonl</code> "
                        + "(every trial) and <code>dead-letters.jsonl</code>; see docs/outputs.md for their schemas.</p></header>");
        ReportSections.Fragments fragments = ReportSections.render(snapshot, ReportSections.REPORT_CELL_ROWS);
        html.append("<section id=\"progress\">").append(fragments.progress()).append("</section>");
        html.append("<section id=\"figures\">").append(fragments.figures()).append("</section>");
        html.append("<section id=\"tables\">").append(fragments.tables()).append("</section>");
        transcripts(html, snapshot, sample);
        return html.append("</body></html>\n").toString();
    }

    /** The dashboard's page: empty sections its script fills from {@code api/snapshot} every second. */
    public static String dashboard(String sweepId, boolean simulated) {
        StringBuilder html = head("Crucible live: " + sweepId, simulated);
        html.append("<header><h1>Sweep ").append(escape(sweepId)).append(" — live</h1><p class=\"meta\" id=\"status\">connecting…</p>")
                .append("<pre id=\"progress-line\"></pre></header>");
        html.append("<section id=\"progress\"></section><section id=\"figures\"></section><section id=\"tables\"></section>");
        html.append("<script>").append(DASHBOARD_SCRIPT).append("</script>");
        return html.append("</body></html>\n").toString();
    }

    private static StringBuilder head(String title, boolean simulated) {
        StringBuilder html = new StringBuilder(1 << 16);
        html.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
                .append("<title>").append(simulated ? "SIMULATED — " : "").append(escape(title)).append("</title><style>").append(STYLE)
                .append("</style></head><body>");
        if (simulated) {
            html.append("<div class=\"banner\" id=\"simulated-banner\">").append(escape(Summary.SIMULATED_BANNER))
                    .append("</div>");
        }
        return html;
    }

    private static void transcripts(StringBuilder html, SweepSnapshot snapshot, TranscriptSample sample) {
        html.append("<section id=\"transcripts\"><h2>Transcripts</h2><p class=\"note\" id=\"transcript-note\">This report carries ")
                .append(sample.trials().size()).append(" of ").append(snapshot.results())
                .append(" trials' transcripts: a sample of each model × condition cell (up to ")
                .append(sample.limits().maxTrials()).append(" trials, about ").append(sample.limits().maxBytes() / 1_000_000)
                .append(" MB), so the page opens fast at any sweep size. Every trial is in <code>results.jsonl</code>.</p>")
                .append("<input id=\"trial-filter\" type=\"search\" placeholder=\"filter by model, condition, outcome, trial ID\">")
                .append(" <span id=\"trial-count\"></span><div class=\"transcripts\"><div class=\"trial-list\"><table class=\"data\">")
                .append("<thead><tr><th>model</th><th>condition</th><th>sample</th><th>harm</th><th>concluded</th></tr></thead>")
                .append("<tbody id=\"trial-rows\"></tbody></table></div><div id=\"trial-view\"></div></div>")
                .append("<script type=\"application/json\" id=\"trial-data\">").append(Html.scriptJson(sample.json())).append("</script>")
                .append("<script>").append(TRANSCRIPT_SCRIPT).append("</script></section>");
    }

    private static String resource(String name) {
        try (InputStream in = ReportPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " next to " + ReportPage.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
