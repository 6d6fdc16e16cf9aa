package dev.crucible.worker.intake;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.junit.jupiter.api.Test;

class AcknowledgementsTest {

    @Test
    void acceptsATrialOnlyOnceItsResultIsPublished() {
        assertThat(Acknowledgements.of(new AttemptOutcome.Published())).isEqualTo(AcknowledgeType.ACCEPT);
    }

    @Test
    void releasesATrialWhoseAttemptDidNotFinish() {
        assertThat(Acknowledgements.of(new AttemptOutcome.Unfinished("provider overloaded"))).isEqualTo(AcknowledgeType.RELEASE);
    }

    @Test
    void rejectsAMessageThatCannotBeDecoded() {
        assertThat(Acknowledgements.of(new AttemptOutcome.Undecodable("not JSON"))).isEqualTo(AcknowledgeType.REJECT);
    }
}
