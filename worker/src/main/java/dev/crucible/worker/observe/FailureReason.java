package dev.crucible.worker.observe;

import java.util.Locale;

/** Why an attempt could not finish: the {@code reason} tag of {@code crucible_trials_failed_total}. */
public enum FailureReason {
    /** The model call gave up (retries, a long wait asked for, an open circuit); the trial went back to the queue. */
    RELEASED,
    /** The result could not be written to the results topic; the trial went back to the queue. */
    NOT_PUBLISHED,
    /** The attempt threw unexpectedly; the trial went back to the queue. */
    CRASHED,
    /** The worker stopped before the attempt finished (its drain timeout ran out); the trial went back to the queue. */
    SHUTDOWN,
    /** The message could not be decoded as a trial; rejected to the dead-letter topic. */
    UNDECODABLE;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
