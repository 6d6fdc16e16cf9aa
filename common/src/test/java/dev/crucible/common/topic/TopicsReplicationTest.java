package dev.crucible.common.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicsReplicationTest {

    private static List<NewTopic> created(Topics topics) {
        return List.of(topics.sweepsTopic(), topics.trialsTopic(), topics.resultsTopic("s-00000000"), topics.deadLettersTopic());
    }

    @Test
    void threeReplicasKeepTwoInSyncSoThatOneBrokerMayDie() {
        assertThat(created(Topics.defaults().withReplicationFactor((short) 3))).allSatisfy(topic -> {
            assertThat(topic.replicationFactor()).isEqualTo((short) 3);
            assertThat(topic.configs()).containsEntry("min.insync.replicas", "2");
        });
    }

    @Test
    void fewerReplicasNeedOnlyOneInSync() {
        for (short factor : new short[] {1, 2}) {
            assertThat(created(Topics.defaults().withReplicationFactor(factor))).allSatisfy(topic -> {
                assertThat(topic.replicationFactor()).isEqualTo(factor);
                assertThat(topic.configs()).containsEntry("min.insync.replicas", "1");
            });
        }
    }

    @Test
    void refusesNoReplicas() {
        assertThatThrownBy(() -> Topics.defaults().withReplicationFactor((short) 0)).hasMessageContaining("replication factor must be >= 1");
    }
}
