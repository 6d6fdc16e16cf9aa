package dev.crucible.coordinator.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path dir;

    private ClusterNode nodeOfThree(int id) {
        return ClusterNode.of(id, ClusterNode.parseQuorum("1@127.0.0.1:19093,2@127.0.0.1:19095,3@127.0.0.1:19097"), "127.0.0.1",
                19090 + 2 * id, 19091 + 2 * id, dir.resolve("broker-" + id));
    }

    @Test
    void formatsANewDirectoryOnceWithTheQuorumsClusterIdAndReusesItAfterwards() throws Exception {
        ClusterNode node = nodeOfThree(2);
        try (DataDirectory directory = DataDirectory.lock(node.dataDir())) {
            assertThat(directory.formatted()).isFalse();
            assertThat(directory.formatIfNeeded(node, node.config())).isTrue();
            assertThat(directory.formatIfNeeded(node, node.config())).as("a formatted directory is kept as it is").isFalse();
        }
        String meta = Files.readString(node.dataDir().resolve("meta.properties"));
        assertThat(meta).contains("node.id=2").contains("cluster.id=" + node.clusterId());
    }

    @Test
    void refusesADirectoryFormattedForAnotherQuorum() {
        ClusterNode ofThree = nodeOfThree(1);
        ClusterNode alone = ClusterNode.of(1, ClusterNode.parseQuorum("1@127.0.0.1:19093"), "127.0.0.1", 19092, 19093, ofThree.dataDir());
        try (DataDirectory directory = DataDirectory.lock(ofThree.dataDir())) {
            directory.formatIfNeeded(ofThree, ofThree.config());
            directory.requireClusterOf(ofThree);
            directory.requireClusterOf(ofThree.withClusterId(ofThree.clusterId()));

            assertThatThrownBy(() -> directory.requireClusterOf(alone)).isInstanceOf(EmbeddedKafkaBroker.StartupException.class)
                    .hasMessageContaining("formatted for cluster " + ofThree.clusterId())
                    .hasMessageContaining("1@127.0.0.1:19093");
        }
    }

    @Test
    void aDirectoryInUseIsRefusedUntilReleased() {
        Path data = dir.resolve("data");
        try (DataDirectory held = DataDirectory.lock(data)) {
            assertThatThrownBy(() -> DataDirectory.lock(data)).isInstanceOf(EmbeddedKafkaBroker.StartupException.class)
                    .hasMessageContaining("in use by another broker");
        }
        DataDirectory.lock(data).close();
    }
}
