package dev.crucible.worker.provider;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * An account's remaining quota as a provider reported it with an answer ({@code anthropic-ratelimit-*},
 * {@code x-ratelimit-*}). The call policy adapts its pace to it; values absent from the answer are empty.
 *
 * @param requestsLimit     requests allowed per window
 * @param requestsRemaining requests left in the current window
 * @param requestsReset     until the request window refills, or null
 * @param tokensRemaining   tokens left in the current window
 * @param tokensReset       until the token window refills, or null
 */
public record Quota(OptionalLong requestsLimit, OptionalLong requestsRemaining, Duration requestsReset,
        OptionalLong tokensRemaining, Duration tokensReset) {

    public static final Quota UNKNOWN =
            new Quota(OptionalLong.empty(), OptionalLong.empty(), null, OptionalLong.empty(), null);

    public boolean known() {
        return requestsRemaining.isPresent() || tokensRemaining.isPresent();
    }
}
