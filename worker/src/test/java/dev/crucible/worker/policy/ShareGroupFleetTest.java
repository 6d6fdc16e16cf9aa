package dev.crucible.worker.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.ShareMemberAssignment;
import org.apache.kafka.clients.admin.ShareMemberDescription;
import org.junit.jupiter.api.Test;

class ShareGroupFleetTest {

    @Test
    void countsWorkersNotTheirConsumers() {
        List<ShareMemberDescription> members = List.of(member("host-1-trials-0"), member("host-1-trials-1"), member("host-1-trials-2"),
                member("local-0-trials-0"), member("local-1-trials-0"), member("local-1-trials-3"));

        assertThat(ShareGroupFleet.workers(members)).isEqualTo(3);
    }

    @Test
    void countsAtLeastThisWorkerWhenTheGroupIsEmpty() {
        assertThat(ShareGroupFleet.workers(List.of())).isEqualTo(1);
    }

    private static ShareMemberDescription member(String clientId) {
        return new ShareMemberDescription("id-" + clientId, Optional.empty(), clientId, "/127.0.0.1", new ShareMemberAssignment(Set.of()), 1);
    }
}
