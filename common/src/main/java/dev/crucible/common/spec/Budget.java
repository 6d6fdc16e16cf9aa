package dev.crucible.common.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A sweep's spending limit, from the spec's {@code budget} section or raised by {@code crucible resume
 * --budget-usd/--budget-tokens}. When the sweep's spend reaches either limit, the coordinator pauses it.
 *
 * @param maxUsd    the most the sweep may cost in USD (needs a price for every real model); null for no limit
 * @param maxTokens the most tokens (input + output + reasoning, of the models under test); null for no limit
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Budget(Double maxUsd, Long maxTokens) {

    public static final Budget NONE = new Budget(null, null);

    public Budget {
        if (maxUsd != null && !(maxUsd > 0 && Double.isFinite(maxUsd))) {
            throw new IllegalArgumentException("maxUsd must be > 0, got " + maxUsd);
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 1, got " + maxTokens);
        }
    }

    public boolean limited() {
        return maxUsd != null || maxTokens != null;
    }

    /** This budget with the non-null limits of {@code raise} in place of its own. */
    public Budget raisedBy(Budget raise) {
        return new Budget(raise.maxUsd != null ? raise.maxUsd : maxUsd, raise.maxTokens != null ? raise.maxTokens : maxTokens);
    }
}
