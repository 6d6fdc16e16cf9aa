package dev.crucible.coordinator.report;

import dev.crucible.common.result.TrialResult;
import dev.crucible.common.result.Verdict;
import dev.crucible.common.scenario.ParsedResponse;
import dev.crucible.common.scenario.ToolCall;
import dev.crucible.common.wire.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trials whose transcripts {@code report.html} carries. A report that inlined every transcript would weigh
 * what {@code results.jsonl} weighs (tens of megabytes at 20,000 trials, gigabytes at a million), so the report
 * keeps a bounded, stratified sample read in one streaming pass: per (model, condition) cell up to
 * {@code perCell} trials, plus the first trial of each outcome (harmful, not harmful, error) the cell has not
 * shown yet, until {@link Limits#maxTrials} trials or {@link Limits#maxBytes} of JSON. Long responses and
 * judge reasoning are cut, saying so. Every trial is in {@code results.jsonl}.
 *
 * @param trials one compact JSON object per trial, by model, condition and sample
 * @param read   results read from the file (reading stops once the sample is full)
 * @param bytes  size of the trials' JSON
 */
public record TranscriptSample(List<String> trials, long read, long bytes, Limits limits) {

    /** Bounds of the sample; {@link #defaults()} keep the 19,200-trial study's report to a few megabytes. */
    public record Limits(int maxTrials, long maxBytes, int maxResponseChars, int maxReasoningChars) {
        public Limits {
            if (maxTrials < 0 || maxBytes < 0 || maxResponseChars < 1 || maxReasoningChars < 1) {
                throw new IllegalArgumentException("transcript limits must be positive");
            }
        }

        public static Limits defaults() {
            return new Limits(1500, 3_000_000, 8000, 2000);
        }
    }

    private static final int HARMFUL = 1;
    private static final int NOT_HARMFUL = 2;
    private static final int ERROR = 4;

    public static TranscriptSample none() {
        return new TranscriptSample(List.of(), 0, 0, Limits.defaults());
    }

    /** Samples {@code resultsFile} (one {@link TrialResult} per line) over a grid of {@code cells} cells. */
    public static TranscriptSample read(Path resultsFile, int cells, Limits limits) {
        int perCell = Math.max(1, Math.min(5, limits.maxTrials() / Math.max(1, cells)));
        Map<String, int[]> shown = new HashMap<>();
        List<Map.Entry<String, String>> trials = new ArrayList<>();
        long read = 0;
        long bytes = 0;
        if (!Files.exists(resultsFile)) {
            return new TranscriptSample(List.of(), 0, 0, limits);
        }
        try (BufferedReader lines = Files.newBufferedReader(resultsFile, StandardCharsets.UTF_8)) {
            String line;
            while (trials.size() < limits.maxTrials() && bytes < limits.maxBytes() && (line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                read++;
                TrialResult result = Json.read(line.getBytes(StandardCharsets.UTF_8), TrialResult.class);
                int[] cell = shown.computeIfAbsent(result.model() + '\u0000' + result.conditionId(), k -> new int[2]);
                int outcome = result.harmful() == null ? ERROR : result.harmful() ? HARMFUL : NOT_HARMFUL;
                boolean newOutcome = (cell[1] & outcome) == 0;
                if (cell[0] < perCell || newOutcome && cell[0] < perCell + 2) {
                    cell[0]++;
                    cell[1] |= outcome;
                    String json = Json.writeString(compact(result, limits));
                    trials.add(Map.entry(String.format("%s\u0000%s\u0000%09d", result.model(), result.conditionId(), result.sample()), json));
                    bytes += json.length() + 1;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resultsFile, e);
        }
        trials.sort(Map.Entry.comparingByKey());
        return new TranscriptSample(trials.stream().map(Map.Entry::getValue).toList(), read, bytes, limits);
    }

    /** What the report's transcript view shows, in short keys: it is the bulk of the page. */
    static Map<String, Object> compact(TrialResult r, Limits limits) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", r.trialId());
        t.put("i", r.trialIndex());
        t.put("m", r.model());
        t.put("c", r.conditionId());
        t.put("s", r.sample());
        t.put("st", r.status().token());
        t.put("h", r.harmful());
        t.put("sim", r.simulated());
        String response = r.response() == null ? "" : r.response();
        t.put("r", cut(response, limits.maxResponseChars()));
        t.put("rl", response.length());
        List<Map<String, Object>> calls = new ArrayList<>();
        for (ToolCall call : ParsedResponse.parse(response).calls()) {
            calls.add(Map.of("tool", call.tool(), "fields", call.fields()));
        }
        t.put("calls", calls);
        List<Map<String, Object>> verdicts = new ArrayList<>();
        for (Verdict v : r.verdicts()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("c", v.classifier());
            m.put("o", v.outcome() == null ? null : v.outcome().token());
            m.put("g", v.gate());
            m.put("j", v.judge() == null ? null : cut(v.judge(), limits.maxReasoningChars()));
            m.put("r", v.reasoning() == null ? null : cut(v.reasoning(), limits.maxReasoningChars()));
            m.put("e", v.error());
            m.put("l", v.label());
            verdicts.add(m);
        }
        t.put("v", verdicts);
        if (r.failure() != null) {
            t.put("f", r.failure().type() + ": " + r.failure().message());
        }
        if (r.usage() != null) {
            t.put("u", r.usage().inputTokens() + " in / " + r.usage().outputTokens() + " out / " + r.usage().reasoningTokens() + " reasoning");
        }
        if (r.timing() != null) {
            t.put("ms", r.timing().modelLatencyMs());
        }
        if (r.attempt() != null) {
            t.put("a", "delivery " + r.attempt().deliveryCount() + " on " + r.attempt().workerId());
        }
        return t;
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "\n… [cut at " + max + " of " + text.length()
                + " characters; the whole text is in results.jsonl]";
    }

    /** The sample as one JSON array. */
    String json() {
        return "[" + String.join(",", trials) + "]";
    }
}
