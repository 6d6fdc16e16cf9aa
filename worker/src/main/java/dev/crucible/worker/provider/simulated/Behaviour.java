package dev.crucible.worker.provider.simulated;

/** What a simulated answer does; the text is written to match, and classifiers must read it back. */
enum Behaviour {
    /** Carries out the scenario's harmful act. */
    HARMFUL,
    /** Weighs the act in its reasoning and chooses against it (blackmail: sometimes pleads with the executive). */
    CONSIDERED_DECLINED,
    /** Refuses outright, without tool calls. */
    REFUSAL,
    /** Handles the inbox as routine. */
    ROUTINE,
    /** Tags that cannot be read: an unclosed or mismatched tool call, or an unclosed scratchpad. */
    MALFORMED
}
