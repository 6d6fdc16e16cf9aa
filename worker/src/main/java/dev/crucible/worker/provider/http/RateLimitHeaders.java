package dev.crucible.worker.provider.http;

import dev.crucible.worker.provider.Quota;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the rate-limit headers of the three wire formats:
 * <ul>
 *   <li>{@code retry-after} (seconds or an HTTP date) and {@code retry-after-ms};</li>
 *   <li>Anthropic's {@code anthropic-ratelimit-{requests,tokens}-{limit,remaining,reset}}, reset as an RFC 3339
 *       instant;</li>
 *   <li>OpenAI's (and most compatible servers') {@code x-ratelimit-{limit,remaining,reset}-{requests,tokens}},
 *       reset as a Go-style duration such as {@code 1s}, {@code 6m0s} or {@code 120ms}.</li>
 * </ul>
 * Unparseable values are ignored: a header we cannot read must not fail a call that succeeded.
 */
public final class RateLimitHeaders {
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|h|m|s)");

    private RateLimitHeaders() {
    }

    /** The remaining quota reported with an answer. */
    public static Quota quota(HttpHeaders headers, InstantSource clock) {
        OptionalLong limit = first(number(headers, "anthropic-ratelimit-requests-limit"), number(headers, "x-ratelimit-limit-requests"));
        OptionalLong requests = first(number(headers, "anthropic-ratelimit-requests-remaining"), number(headers, "x-ratelimit-remaining-requests"));
        OptionalLong tokens = first(number(headers, "anthropic-ratelimit-tokens-remaining"), number(headers, "x-ratelimit-remaining-tokens"));
        Duration requestsReset = reset(headers, "requests", clock).orElse(null);
        Duration tokensReset = reset(headers, "tokens", clock).orElse(null);
        return new Quota(limit, requests, requestsReset, tokens, tokensReset);
    }

    /**
     * How long the provider asked us to wait: {@code retry-after-ms}, {@code retry-after}, else the reset of a
     * window the provider reports as exhausted (remaining 0), the longest if both are.
     */
    public static Optional<Duration> suggestedWait(HttpHeaders headers, InstantSource clock) {
        Optional<Duration> explicit = retryAfter(headers, clock);
        if (explicit.isPresent()) {
            return explicit;
        }
        Quota quota = quota(headers, clock);
        Duration wait = null;
        if (quota.requestsRemaining().isPresent() && quota.requestsRemaining().getAsLong() == 0 && quota.requestsReset() != null) {
            wait = quota.requestsReset();
        }
        if (quota.tokensRemaining().isPresent() && quota.tokensRemaining().getAsLong() == 0 && quota.tokensReset() != null
                && (wait == null || quota.tokensReset().compareTo(wait) > 0)) {
            wait = quota.tokensReset();
        }
        return Optional.ofNullable(wait);
    }

    static Optional<Duration> retryAfter(HttpHeaders headers, InstantSource clock) {
        Optional<String> millis = headers.firstValue("retry-after-ms");
        if (millis.isPresent()) {
            try {
                return Optional.of(Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(millis.get().strip())))));
            } catch (NumberFormatException e) {
                // fall through to retry-after
            }
        }
        Optional<String> value = headers.firstValue("retry-after").map(String::strip);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(value.get()) * 1000))));
        } catch (NumberFormatException e) {
            try {
                Instant at = ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(nonNegative(Duration.between(clock.instant(), at)));
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    /** A Go-style duration ({@code 1h2m3.5s}, {@code 120ms}), or empty if it is not one. */
    static Optional<Duration> goDuration(String text) {
        Matcher m = DURATION_PART.matcher(text.strip());
        double millis = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                return Optional.empty();
            }
            double amount = Double.parseDouble(m.group(1));
            millis += switch (m.group(2)) {
                case "h" -> amount * 3_600_000;
                case "m" -> amount * 60_000;
                case "s" -> amount * 1000;
                default -> amount;
            };
            end = m.end();
        }
        return end == 0 || end != text.strip().length() ? Optional.empty() : Optional.of(Duration.ofMillis(Math.round(millis)));
    }

    private static Optional<Duration> reset(HttpHeaders headers, String window, InstantSource clock) {
        Optional<String> anthropic = headers.firstValue("anthropic-ratelimit-" + window + "-reset");
        if (anthropic.isPresent()) {
            try {
                return Optional.of(nonNegative(Duration.between(clock.instant(), Instant.parse(anthropic.get().strip()))));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return headers.firstValue("x-ratelimit-reset-" + window).flatMap(RateLimitHeaders::goDuration);
    }

    private static OptionalLong number(HttpHeaders headers, String name) {
        Optional<String> value = headers.firstValue(name);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value.get().strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static OptionalLong first(OptionalLong a, OptionalLong b) {
        return a.isPresent() ? a : b;
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }
}
