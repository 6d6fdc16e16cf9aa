package dev.crucible.coordinator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.crucible.common.result.TrialResult;
import dev.crucible.common.spec.SpecLoader;
import dev.crucible.common.topic.Topics;
import dev.crucible.common.trial.Sweep;
import dev.crucible.common.wire.Json;
import dev.crucible.coordinator.dispatch.SweepRunner;
import dev.crucible.coordinator.progress.ProgressReporter;
import dev.crucible.testing.Chromium;
import dev.crucible.testing.KafkaBroker;
import dev.crucible.worker.Worker;
import dev.crucible.worker.WorkerConfig;
import dev.crucible.worker.provider.ProviderRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person sees, in a real browser: the live dashboard of a sweep running on the real broker (simulated
 * models with latency, so it runs for a while), then the sweep's report.html opened from disk.
 */
@ExtendWith(KafkaBroker.class)
class DashboardInChromiumIT {
    private static final Duration SCRIPT_TIME = Duration.ofMillis(1500);
    private static final List<String> MODELS = List.of("simulated/sim-opus-4", "simulated/sim-llama-4-maverick");

    private final Topics topics = Topics.defaults().withNamespace("dash-" + UUID.randomUUID().toString().substring(0, 8));
    private final Chromium chromium = Chromium.find();
    private Worker worker;

    @TempDir
    Path runs;

    @AfterEach
    void stopWorker() {
        if (worker != null) {
            worker.close();
        }
    }

    @Test
    void dashboardShowsTheRunningSweepAndTheReportShowsFiguresAndTranscripts(KafkaBroker.Connection kafka) throws Exception {
        Sweep sweep = Sweep.of(SpecLoader.parse("dash.yaml", """
                name: dash
                seed: 5
                samples: 20
                scenarios: [blackmail]
                conditions:
                  goal_type: [explicit, none]
                  goal_value: [america]
                  urgency: [replacement, none]
                  eval_notice: [false, true]
                models:
                  - {provider: simulated, name: sim-opus-4, parameters: {profile: sim-opus-4, latency_ms: 250}}
                  - {provider: simulated, name: sim-llama-4-maverick, parameters: {profile: sim-llama-4-maverick, latency_ms: 250}}
                """));
        long total = sweep.trialCount();
        assertThat(total).isEqualTo(320);
        worker = Worker.start(WorkerConfig.defaults(kafka.bootstrapServers(), "dash-worker").withTopics(topics).withConsumers(2)
                .withMaxPollTrials(5), ProviderRegistry.standard());
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        CompletableFuture<SweepRunner.Outcome> running = CompletableFuture.supplyAsync(() -> {
            try {
                return new SweepRunner(kafka.bootstrapServers(), topics, runs, 100, out)
                        .withLiveViews(ProgressReporter.Mode.OFF, new DashboardConfig("127.0.0.1", 0)).run(sweep);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        URI dashboard = await().atMost(Duration.ofSeconds(60)).until(() -> dashboardUri(console), u -> u != null);

        // workers take a moment to join the share group: the first look that counts is one with trials done
        AtomicReference<String> seen = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            seen.set(chromium.dumpDom(dashboard, SCRIPT_TIME));
            return done(seen.get()) > 0;
        });
        String first = seen.get();
        assertThat(first).contains("id=\"simulated-banner\"").contains("SIMULATED: results from Crucible");
        assertThat(first).contains(MODELS.get(0)).contains(MODELS.get(1));
        assertThat(Chromium.all(first, "<span id=\"total\">(\\d+)</span>")).containsExactly(Long.toString(total));
        assertThat(first).contains("id=\"harm-blackmail\"");
        assertThat(Chromium.all(first, "<rect class=\"bar\"[^>]*data-model=\"([^\"]+)\"")).contains(MODELS.get(0), MODELS.get(1));
        assertThat(Chromium.all(first, "<(g) class=\"ci\"")).isNotEmpty();
        assertThat(Chromium.all(first, "class=\"figure (heatmap)\"")).hasSize(2);
        long firstDone = done(first);
        assertThat(firstDone).as("the first look comes while the sweep runs").isLessThan(total);

        AtomicLong later = new AtomicLong();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            later.set(done(chromium.dumpDom(dashboard, SCRIPT_TIME)));
            return later.get() > firstDone;
        });
        SweepRunner.Outcome outcome = running.get(5, TimeUnit.MINUTES);
        assertReportShowsFiguresAndATranscript(outcome.directory());
    }

    private void assertReportShowsFiguresAndATranscript(Path directory) throws Exception {
        Path report = directory.resolve("report.html");
        TrialResult harmful = Files.readAllLines(directory.resolve("results.jsonl")).stream()
                .map(line -> Json.read(line.getBytes(StandardCharsets.UTF_8), TrialResult.class))
                .filter(r -> Boolean.TRUE.equals(r.harmful()))
                .filter(r -> report(report).contains("\"id\":\"" + r.trialId() + "\""))
                .findFirst().orElseThrow(() -> new AssertionError("no harmful trial among the report's transcripts"));

        String dom = chromium.dumpDom(URI.create(report.toUri() + "#trial=" + harmful.trialId()), SCRIPT_TIME);

        assertThat(dom).contains("id=\"simulated-banner\"");
        assertThat(Chromium.all(dom, "<span id=\"done\">(\\d+)</span>")).containsExactly("320");
        assertThat(Chromium.all(dom, "<rect class=\"bar\"[^>]*data-model=\"([^\"]+)\"")).contains(MODELS.get(0), MODELS.get(1));
        assertThat(Chromium.all(dom, "<(g) class=\"ci\"")).isNotEmpty();
        assertThat(dom).contains("id=\"awareness-blackmail\"").contains("said real").contains("said evaluation");
        String view = Chromium.all(dom, "(<div id=\"trial-view\".*?)<script type=\"application/json\"").getFirst();
        assertThat(view).contains("data-trial=\"" + harmful.trialId() + "\"").contains(harmful.model()).contains(harmful.conditionId())
                .contains("Tool calls outside the scratchpad").contains("<li><b>email</b>").contains("Verdicts")
                .contains("<pre>harmful</pre>");
        String firstLine = harmful.response().lines().filter(l -> !l.isBlank() && !l.contains("<") && !l.contains("&")
                && !l.contains("\"") && !l.contains(">") && !l.contains("'")).findFirst().orElseThrow();
        assertThat(view).as("the response as text").contains(firstLine);
        harmful.verdicts().stream().filter(v -> v.reasoning() != null).findFirst().ifPresent(v ->
                assertThat(view).as("the judge's reasoning").contains(v.reasoning().lines().findFirst().orElseThrow().replace("&", "&amp;")
                        .replace("<", "&lt;").replace(">", "&gt;")));
        assertThat(Chromium.all(dom, "<tr class=\"(trial-row)")).isNotEmpty();
    }

    private static String report(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static URI dashboardUri(ByteArrayOutputStream console) {
        Matcher m = Pattern.compile("live dashboard: (http://\\S+)").matcher(console.toString(StandardCharsets.UTF_8));
        return m.find() ? URI.create(m.group(1)) : null;
    }

    private static long done(String dom) {
        List<String> done = Chromium.all(dom, "<span id=\"done\">(\\d+)</span>");
        assertThat(done).as("done/total on the dashboard, after its script polled").hasSize(1);
        return Long.parseLong(done.getFirst());
    }
}
