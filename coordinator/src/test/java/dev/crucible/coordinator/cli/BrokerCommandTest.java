package dev.crucible.coordinator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crucible.coordinator.broker.ClusterNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BrokerCommandTest {

    @TempDir
    Path dir;

    private BrokerCommand parse(String... args) {
        BrokerCommand command = new BrokerCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void withoutAQuorumTheNodeIsAOneNodeClusterOnItsOwnControllerPort() {
        ClusterNode node = parse("--data-dir", dir.toString(), "--listener-port", "29092", "--controller-port", "29093").node();

        assertThat(node.quorum()).containsExactly(new ClusterNode.Voter(1, "127.0.0.1", 29093));
        assertThat(node.dynamicQuorum()).isFalse();
        assertThat(node.bootstrapServers()).isEqualTo("127.0.0.1:29092");
    }

    @Test
    void nodeThreeOfAQuorumWithItsOwnClusterIdAndBindAddress() {
        ClusterNode node = parse("--data-dir", dir.toString(), "--node-id", "3", "--controller-quorum",
                "1@a:9093,2@b:9093,3@c:9093", "--advertised-host", "c", "--bind", "0.0.0.0", "--cluster-id", "MkU3OEVBNTcwNTJENDM2Qk").node();

        assertThat(node.clusterSize()).isEqualTo(3);
        assertThat(node.clusterId()).isEqualTo("MkU3OEVBNTcwNTJENDM2Qk");
        assertThat(node.config()).containsEntry("listeners", "PLAINTEXT://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093")
                .containsEntry("advertised.listeners", "PLAINTEXT://c:9092");
    }

    @Test
    void aNodeOutsideItsQuorumIsInvalidInputAndStartsNothing() {
        CliRun run = CliRun.of("broker", "--data-dir", dir.toString(), "--node-id", "4", "--controller-quorum", "1@127.0.0.1:19093");

        assertThat(run.exitCode()).isEqualTo(Crucible.EXIT_INVALID_INPUT);
        assertThat(dir).isEmptyDirectory();
    }
}
