package dev.crucible.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --replication-factor} below 1 is refused before any broker is reached or started. */
class ReplicationFactorOptionTest {

    @TempDir
    Path dir;

    @Test
    void aWorkerWithoutReplicasIsInvalidInput() {
        assertThat(CliRun.of("worker", "--bootstrap", "127.0.0.1:1", "--replication-factor", "0").exitCode())
                .isEqualTo(Crucible.EXIT_INVALID_INPUT);
    }

    @Test
    void aRunWithoutReplicasIsInvalidInputAndStartsNoBroker() {
        CliRun run = CliRun.of("run", Path.of("..", "examples", "quickstart.yaml").toString(), "--replication-factor", "0",
                "--runs-dir", dir.toString(), "--no-dashboard", "--metrics-port", "0");

        assertThat(run.exitCode()).isEqualTo(Crucible.EXIT_INVALID_INPUT);
        assertThat(dir).isEmptyDirectory();
    }
}
