package dev.crucible.worker.intake;

import org.apache.kafka.clients.consumer.AcknowledgeType;

/** The one place where an attempt's outcome becomes a share-group acknowledgement. */
final class Acknowledgements {
    private Acknowledgements() {
    }

    static AcknowledgeType of(AttemptOutcome outcome) {
        return switch (outcome) {
            // only after the result's write was acknowledged: a crash before this redelivers the trial,
            // and the duplicate result is harmless because results are keyed and counted by trial ID
            case AttemptOutcome.Published p -> AcknowledgeType.ACCEPT;
            // back to the queue for any worker; counts against the delivery limit, so it cannot loop forever
            case AttemptOutcome.Unfinished u -> AcknowledgeType.RELEASE;
            // to the dead-letter topic (broker-side, KIP-1191); the worker carries on
            case AttemptOutcome.Undecodable u -> AcknowledgeType.REJECT;
        };
    }
}
