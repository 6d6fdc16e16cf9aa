package dev.crucible.coordinator.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterNodeTest {
    private static final String QUORUM = "1@127.0.0.1:19093,2@127.0.0.1:19095,3@127.0.0.1:19097";

    private static ClusterNode nodeOfThree(int id) {
        return ClusterNode.of(id, ClusterNode.parseQuorum(QUORUM), "127.0.0.1", 19090 + 2 * id, 19091 + 2 * id,
                Path.of("/data/broker-" + id));
    }

    @Test
    void nodeTwoOfThreeListensOnItsOwnPortsAndNamesEveryVoter() {
        Map<String, String> config = nodeOfThree(2).config();

        assertThat(config).containsEntry("node.id", "2")
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("log.dirs", "/data/broker-2")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19094,CONTROLLER://127.0.0.1:19095")
                .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19094")
                .containsEntry("controller.quorum.voters", QUORUM)
                .doesNotContainKey("controller.quorum.bootstrap.servers");
        assertThat(nodeOfThree(2).bootstrapServers()).isEqualTo("127.0.0.1:19094");
        assertThat(nodeOfThree(2).clusterSize()).isEqualTo(3);
    }

    @Test
    void internalTopicsOfAThreeNodeClusterHaveThreeReplicasAndTwoInSync() {
        Map<String, String> config = nodeOfThree(1).config();

        assertThat(config).containsEntry("offsets.topic.replication.factor", "3")
                .containsEntry("share.coordinator.state.topic.replication.factor", "3")
                .containsEntry("share.coordinator.state.topic.min.isr", "2")
                .containsEntry("transaction.state.log.replication.factor", "3")
                .containsEntry("transaction.state.log.min.isr", "2")
                .containsEntry("min.insync.replicas", "2");
    }

    @Test
    void aSingleNodeKeepsOneReplicaOfEverything() {
        assertThat(BrokerDefaults.singleNode()).containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("min.insync.replicas", "1")
                .containsEntry("offsets.topic.num.partitions", "1");
        assertThat(BrokerDefaults.forCluster(2)).containsEntry("offsets.topic.replication.factor", "2")
                .containsEntry("min.insync.replicas", "1");
    }

    @Test
    void everyNodeOfAQuorumDerivesTheSameClusterIdAndAnotherQuorumAnother() {
        assertThat(nodeOfThree(1).clusterId()).isEqualTo(nodeOfThree(2).clusterId()).isEqualTo(nodeOfThree(3).clusterId());
        assertThat(ClusterNode.clusterIdOf(ClusterNode.parseQuorum("1@127.0.0.1:29093")))
                .isNotEqualTo(nodeOfThree(1).clusterId());
        assertThat(nodeOfThree(1).formatArguments()).containsExactly("--cluster-id", nodeOfThree(1).clusterId());
    }

    @Test
    void theStandaloneNodeIsADynamicQuorumOfOneOnLoopback() {
        ClusterNode node = ClusterNode.standalone(Path.of("/runs/.kafka"), 40001, 40002);

        assertThat(node.config()).containsEntry("node.id", "1")
                .containsEntry("controller.quorum.bootstrap.servers", "127.0.0.1:40002")
                .doesNotContainKey("controller.quorum.voters")
                .containsEntry("offsets.topic.replication.factor", "1");
        assertThat(node.formatArguments()).contains("--standalone");
    }

    @Test
    void bindsElsewhereWhileAdvertisingItsName() {
        ClusterNode node = ClusterNode.of(1, List.of(new ClusterNode.Voter(1, "kafka-0.kafka", 9093)), "kafka-0.kafka", 9092, 9093,
                Path.of("/data")).withBindHost("0.0.0.0");

        assertThat(node.config()).containsEntry("listeners", "PLAINTEXT://0.0.0.0:9092,CONTROLLER://0.0.0.0:9093")
                .containsEntry("advertised.listeners", "PLAINTEXT://kafka-0.kafka:9092");
    }

    @Test
    void refusesAQuorumThatIsMalformedOrLeavesTheNodeOut() {
        assertThatThrownBy(() -> ClusterNode.parseQuorum("1@127.0.0.1:19093,2-127.0.0.1:19095"))
                .hasMessageContaining("'2-127.0.0.1:19095' is not of the form id@host:port");
        assertThatThrownBy(() -> ClusterNode.parseQuorum("1@127.0.0.1:port")).hasMessageContaining("id@host:port");
        assertThatThrownBy(() -> ClusterNode.of(4, ClusterNode.parseQuorum(QUORUM), "127.0.0.1", 19100, 19101, Path.of("/d")))
                .hasMessageContaining("node 4 is not in the controller quorum");
        assertThatThrownBy(() -> ClusterNode.of(1, ClusterNode.parseQuorum("1@h:1,1@h:2"), "127.0.0.1", 19100, 19101, Path.of("/d")))
                .hasMessageContaining("appears twice");
        assertThatThrownBy(() -> ClusterNode.of(1, ClusterNode.parseQuorum(QUORUM), "127.0.0.1", 19100, 19100, Path.of("/d")))
                .hasMessageContaining("must differ");
    }
}
