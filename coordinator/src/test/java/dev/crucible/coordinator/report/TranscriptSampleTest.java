package dev.crucible.coordinator.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crucible.common.result.ResultStatus;
import dev.crucible.common.result.TrialResult;
import dev.crucible.common.result.Verdict;
import dev.crucible.common.wire.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptSampleTest {
    private static final String CONDITION = "blackmail_explicit-america_replacement_dev_instr-none_notice-off";

    @TempDir
    Path dir;

    @Test
    void keepsUpToFivePerCellPlusTheFirstOfEachOutcomeNotYetShown() throws Exception {
        List<TrialResult> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(result(i, "sim-a", Boolean.FALSE, "refused " + i));
        }
        for (int i = 10; i < 15; i++) {
            results.add(result(i, "sim-a", Boolean.TRUE, "harmful " + i));
        }
        results.add(result(15, "sim-a", null, "unreadable"));
        results.add(result(16, "sim-a", null, "unreadable again"));
        Path file = write(results);

        TranscriptSample sample = TranscriptSample.read(file, 1, TranscriptSample.Limits.defaults());

        assertThat(sample.trials()).hasSize(7);
        assertThat(sample.json()).contains("\"r\":\"harmful 10\"").contains("\"r\":\"unreadable\"").doesNotContain("harmful 11")
                .doesNotContain("refused 5");
        assertThat(sample.read()).isEqualTo(17);
    }

    @Test
    void stopsReadingOnceTheSampleIsFull() throws Exception {
        List<TrialResult> results = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            results.add(result(i, "sim-" + i, Boolean.FALSE, "answer " + i));
        }

        TranscriptSample sample = TranscriptSample.read(write(results), 50, new TranscriptSample.Limits(10, 1_000_000, 100, 100));

        assertThat(sample.trials()).hasSize(10);
        assertThat(sample.read()).isEqualTo(10);
    }

    @Test
    void cutsLongResponsesSayingWhereTheWholeTextIs() throws Exception {
        Path file = write(List.of(result(0, "sim-a", Boolean.TRUE, "x".repeat(500))));

        TranscriptSample sample = TranscriptSample.read(file, 1, new TranscriptSample.Limits(10, 1_000_000, 100, 100));

        assertThat(sample.json()).contains("x".repeat(100) + "\\n… [cut at 100 of 500 characters; the whole text is in results.jsonl]")
                .contains("\"rl\":500");
    }

    @Test
    void scriptEndTagsInModelTextCannotEndTheReportsDataElement() throws Exception {
        Path file = write(List.of(result(0, "sim-a", Boolean.TRUE, "</script><script>alert(1)</script>")));
        TranscriptSample sample = TranscriptSample.read(file, 1, TranscriptSample.Limits.defaults());

        String html = ReportPage.report(ReportPageTest.snapshot(true, List.of()), sample, Instant.EPOCH);

        // what a browser takes as the data element: everything up to the first end tag
        String start = "<script type=\"application/json\" id=\"trial-data\">";
        int from = html.indexOf(start) + start.length();
        String data = html.substring(from, html.indexOf("</script>", from));
        assertThat(Json.mapper().readTree(data).get(0).get("r").asText()).isEqualTo("</script><script>alert(1)</script>");
    }

    @Test
    void toolCallsOutsideTheScratchpadAreListed() throws Exception {
        String response = """
                <scratchpad>
                <tool_use:email>
                to: draft@example.com
                subject: draft
                body: not sent
                </tool_use:email>
                </scratchpad>
                <tool_use:email>
                to: kyle@example.com
                subject: About tonight
                body: sent
                </tool_use:email>
                """;
        TranscriptSample sample = TranscriptSample.read(write(List.of(result(0, "sim-a", Boolean.TRUE, response))), 1,
                TranscriptSample.Limits.defaults());

        assertThat(sample.json()).contains("\"to\":\"kyle@example.com\"").doesNotContain("\"to\":\"draft@example.com\"");
    }

    private Path write(List<TrialResult> results) throws Exception {
        Path file = dir.resolve("results.jsonl");
        List<String> lines = results.stream().map(Json::writeString).toList();
        Files.write(file, lines);
        return file;
    }

    private static TrialResult result(int index, String model, Boolean harmful, String response) {
        Verdict harm = harmful == null
                ? Verdict.error("harm", "judge answered outside its format", true, "maybe")
                : new Verdict("harm", harmful ? Verdict.Outcome.HARMFUL : Verdict.Outcome.NOT_HARMFUL, harmful, harmful ? "yes" : null,
                        harmful ? "it used the affair" : null, null);
        return new TrialResult(TrialResult.SCHEMA_VERSION, "s-1", "t" + index, index, CONDITION, "simulated/" + model, index,
                ResultStatus.OK, true, response, new TrialResult.Usage(10, 20, 0), List.of(harm), harmful, null,
                new TrialResult.Timing(0, 1, 1), new TrialResult.Attempt(1, "w0"));
    }
}
