package dev.crucible.coordinator.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/ checked by real validators (deploy/validate: the Kubernetes and KEDA schemas of kubernetes-models plus their
 * TypeScript types for unknown fields, the compose specification's schema, Prometheus' PromQL grammar). Fails when
 * Node.js or the validator's packages are missing.
 */
class DeployValidatorTest {

    @Test
    void everyFileInDeployPassesTheValidators() {
        DeployFiles.NodeRun run = DeployFiles.validator(DeployFiles.dir().toString());

        assertThat(run.exitCode()).as("validator output:%n%s%s", run.out(), run.err()).isZero();
        for (Path file : DeployFiles.yamlFiles()) {
            assertThat(run.out()).as("files the validator read").contains(DeployFiles.dir().relativize(file).toString());
        }
        assertThat(run.out()).contains("1 dashboard(s)");
    }

    @Test
    void validatorRefusesUnknownFieldsWrongTypesBadComposeKeysAndBrokenQueries(@TempDir Path repository) throws IOException {
        Path copy = repository.resolve("deploy");
        copyTree(DeployFiles.dir(), copy);
        edit(copy.resolve("kubernetes/worker.yaml"), "livenessProbe:", "livenessprobe:");
        edit(copy.resolve("kubernetes/sweep/coordinator.job.yaml"), "backoffLimit: 6", "backoffLimit: six");
        edit(copy.resolve("kubernetes/worker-autoscaling.yaml"), "minReplicaCount: 0", "minReplicas: 0");
        edit(copy.resolve("docker-compose.yml"), "stop_grace_period: 30s", "stop_grace_perod: 30s");
        edit(copy.resolve("prometheus/rules.yml"), "sum(rate(crucible_provider_rate_limited_total[5m])) > 0.5",
                "sum(rate(crucible_provider_rate_limited_total[5m]) > 0.5");

        DeployFiles.NodeRun run = DeployFiles.validator(copy.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err())
                .contains("'\"livenessprobe\"' does not exist in type 'IContainer'")
                .contains("data/spec/backoffLimit must be integer")
                .contains("'\"minReplicas\"' does not exist in type 'IScaledObjectSpec'")
                .contains("additionalProperty\":\"stop_grace_perod\"")
                .contains("rule CrucibleProviderRateLimited: not valid PromQL");
    }

    @Test
    void validatorListsTheMetricsThatTheDashboardRulesAndAutoscalerRead() throws IOException {
        DeployFiles.NodeRun run = DeployFiles.validator("--metrics", DeployFiles.dir().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        var metrics = DeployFiles.JSON.readTree(run.out());
        assertThat(metrics.path("autoscaling").toString()).isEqualTo("[\"crucible_trials_queued\"]");
        assertThat(metrics.path("dashboard").toString())
                .contains("crucible_trial_duration_seconds_bucket", "resilience4j_circuitbreaker_state", "crucible_trials_queued");
        assertThat(metrics.path("rules").size()).isPositive();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(from)) {
            files = walk.filter(p -> !p.toString().contains("node_modules")).toList();
        }
        for (Path source : files) {
            Path target = to.resolve(from.relativize(source).toString());
            if (Files.isDirectory(source)) {
                Files.createDirectories(target);
            } else {
                Files.copy(source, target);
            }
        }
        // the compose file mounts ../examples/quickstart.yaml
        Path examples = Files.createDirectories(to.resolveSibling("examples"));
        Files.copy(DeployFiles.repository().resolve("examples/quickstart.yaml"), examples.resolve("quickstart.yaml"));
    }

    private static void edit(Path file, String from, String to) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(text).as(file.toString()).contains(from);
        Files.writeString(file, text.replace(from, to), StandardCharsets.UTF_8);
    }
}
