package dev.crucible.worker.intake;

/** How one delivery of a trial ended, as far as the share group is concerned. */
sealed interface AttemptOutcome {

    /** The result is durably in the results topic. */
    record Published() implements AttemptOutcome {
    }

    /** The attempt could not finish (transient failure, shutdown); another attempt may. */
    record Unfinished(String reason) implements AttemptOutcome {
    }

    /** The message can never be a trial; retrying cannot help. */
    record Undecodable(String reason) implements AttemptOutcome {
    }
}
