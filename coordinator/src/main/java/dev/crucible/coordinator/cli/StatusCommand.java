package dev.crucible.coordinator.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crucible.common.control.ControlChannel;
import dev.crucible.common.control.ModelPause;
import dev.crucible.common.control.SweepCommand;
import dev.crucible.common.control.SweepProgress;
import dev.crucible.common.topic.Topics;
import dev.crucible.common.trial.SweepManifest;
import dev.crucible.common.wire.Json;
import dev.crucible.coordinator.dispatch.Manifests;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "status", description = {
        "Where a sweep stands, from any machine that reaches Kafka: state and why, counts, rates, ETA, paused models, tokens",
        "and cost per model (from its coordinator's latest progress report). Without SWEEP_ID: every sweep of the namespace."})
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec command;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SWEEP_ID", description = "the sweep (default: list every sweep)")
    String sweepId;

    @Option(names = "--json", description = "one JSON object for scripts (a list of them without SWEEP_ID)")
    boolean json;

    @Mixin
    ClusterOptions cluster;

    @Override
    public Integer call() throws Exception {
        return cluster.on(this::status);
    }

    private int status(String bootstrap, Topics topics) throws InterruptedException {
        PrintWriter out = command.commandLine().getOut();
        Map<String, SweepManifest> manifests = sweepId == null ? Manifests.all(bootstrap, topics)
                : Manifests.latest(bootstrap, topics, sweepId).map(m -> Map.of(sweepId, m)).orElse(Map.of());
        if (sweepId != null && manifests.isEmpty()) {
            command.commandLine().getErr().println("crucible: no sweep " + sweepId + " in " + topics.sweeps() + " at " + bootstrap
                    + " (is --namespace right?)");
            return Crucible.EXIT_INVALID_INPUT;
        }
        try (ControlChannel channel = ClusterOptions.control(bootstrap, topics, "cli-status")) {
            long now = System.currentTimeMillis();
            List<SweepStatus> statuses = manifests.values().stream()
                    .map(m -> SweepStatus.of(m, channel.progress(m.sweepId()), channel.command(m.sweepId()), channel.modelPauses(now), now))
                    .toList();
            if (json) {
                if (sweepId != null) {
                    out.println(Json.writeString(statuses.getFirst().json()));
                } else {
                    ArrayNode all = Json.mapper().createArrayNode();
                    statuses.forEach(s -> all.add(s.json()));
                    out.println(Json.writeString(all));
                }
            } else if (sweepId != null) {
                statuses.getFirst().print(out);
            } else {
                SweepStatus.printList(statuses, topics, out);
            }
            out.flush();
            return 0;
        }
    }

    /** A sweep's status: its manifest, its latest progress report, a pending command, the fleet's model pauses. */
    record SweepStatus(SweepManifest manifest, Optional<SweepProgress> progress, Optional<SweepCommand> pending,
                       List<ModelPause> pausedModels, long nowMs) {

        static SweepStatus of(SweepManifest manifest, Optional<SweepProgress> progress, Optional<SweepCommand> command,
                              List<ModelPause> pauses, long nowMs) {
            Optional<SweepCommand> pending = command.filter(c -> !c.equals(manifest.command()));
            List<ModelPause> mine = pauses.stream()
                    .filter(p -> manifest.spec().models().stream().anyMatch(m -> m.id().equals(p.modelId()))).toList();
            return new SweepStatus(manifest, progress, pending, mine, nowMs);
        }

        /** The manifest's state, unless the latest progress report is newer (a pause applied, not yet checkpointed). */
        String state() {
            return progress.filter(p -> p.atMs() >= manifest.updatedAtMs()).map(SweepProgress::state).orElse(manifest.state().token());
        }

        String cause() {
            return progress.filter(p -> p.atMs() >= manifest.updatedAtMs()).map(SweepProgress::cause).orElse(manifest.cause());
        }

        String message() {
            return progress.filter(p -> p.atMs() >= manifest.updatedAtMs()).map(SweepProgress::message).orElse(manifest.message());
        }

        ObjectNode json() {
            ObjectNode node = Json.mapper().createObjectNode();
            node.put("sweepId", manifest.sweepId());
            node.put("state", state());
            node.put("cause", cause());
            node.put("message", message());
            node.put("simulated", manifest.simulated());
            node.put("total", manifest.trialCount());
            node.put("published", manifest.published());
            node.put("updatedAtMs", manifest.updatedAtMs());
            node.set("progress", progress.<com.fasterxml.jackson.databind.JsonNode>map(p -> Json.mapper().valueToTree(p)).orElse(null));
            progress.ifPresent(p -> node.put("reportAgeMs", Math.max(0, nowMs - p.atMs())));
            node.set("pendingCommand", pending.<com.fasterxml.jackson.databind.JsonNode>map(c -> Json.mapper().valueToTree(c)).orElse(null));
            node.set("pausedModels", Json.mapper().valueToTree(pausedModels));
            return node;
        }

        void print(PrintWriter out) {
            StatusText.print(this, out);
        }

        static void printList(List<SweepStatus> statuses, Topics topics, PrintWriter out) {
            StatusText.printList(statuses, topics, out);
        }
    }
}
