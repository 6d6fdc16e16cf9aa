package dev.crucible.coordinator.cli;

/** The {@code --replication-factor} option's documentation, shared by every command that creates topics. */
final class Replication {
    static final String DESCRIPTION = "replicas of each topic Crucible creates (default: ${DEFAULT-VALUE}; 3 on a cluster of"
            + " 3+ brokers, which also sets min.insync.replicas=2 so one broker may die); topics that exist keep theirs";

    private Replication() {
    }
}
