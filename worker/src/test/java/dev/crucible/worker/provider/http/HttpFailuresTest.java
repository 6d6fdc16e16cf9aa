package dev.crucible.worker.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crucible.common.spec.ModelSpec;
import dev.crucible.worker.provider.ProviderException;
import dev.crucible.worker.provider.ProviderException.Kind;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Classification from the vendors' real error shapes (status, headers, body). */
class HttpFailuresTest {
    private static final ModelSpec MODEL = new ModelSpec("openai", "gpt-4.1", Map.of());
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void readsRetryAfterInSecondsMillisecondsAndAsADate() {
        assertThat(wait(Map.of("retry-after", "7"))).contains(Duration.ofSeconds(7));
        assertThat(wait(Map.of("retry-after-ms", "250", "retry-after", "7"))).contains(Duration.ofMillis(250));
        assertThat(wait(Map.of("retry-after", "Thu, 01 Jan 2026 00:00:30 GMT"))).contains(Duration.ofSeconds(30));
    }

    @Test
    void usesTheResetOfAnExhaustedWindowWhenThereIsNoRetryAfter() {
        assertThat(wait(Map.of("x-ratelimit-remaining-requests", "0", "x-ratelimit-reset-requests", "6m0s",
                "x-ratelimit-remaining-tokens", "0", "x-ratelimit-reset-tokens", "1.5s"))).contains(Duration.ofMinutes(6));
        assertThat(wait(Map.of("anthropic-ratelimit-requests-remaining", "0",
                "anthropic-ratelimit-requests-reset", "2026-01-01T00:00:12Z"))).contains(Duration.ofSeconds(12));
        assertThat(wait(Map.of("x-ratelimit-remaining-requests", "5", "x-ratelimit-reset-requests", "1s"))).isEmpty();
    }

    @Test
    void readsGoDurations() {
        assertThat(RateLimitHeaders.goDuration("120ms")).contains(Duration.ofMillis(120));
        assertThat(RateLimitHeaders.goDuration("1h2m3.5s")).contains(Duration.ofMillis(3_723_500));
        assertThat(RateLimitHeaders.goDuration("soon")).isEmpty();
    }

    @Test
    void treatsA429WithoutAnyWaitAsQuotaExhausted() {
        ProviderException e = classify(429, Map.of(), "{\"error\":{\"message\":\"slow down\",\"type\":\"requests\"}}");
        assertThat(e.kind()).isEqualTo(Kind.QUOTA_EXHAUSTED);
        assertThat(e.getMessage()).contains("429 without retry-after");
    }

    @Test
    void treatsBillingErrorsAsQuotaExhaustedWhateverTheStatus() {
        assertThat(classify(429, Map.of("retry-after", "1"), "{\"error\":{\"message\":\"You exceeded your current quota\","
                + "\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}").kind()).isEqualTo(Kind.QUOTA_EXHAUSTED);
        assertThat(classify(400, Map.of(), "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                + "\"message\":\"Your credit balance is too low to access the Anthropic API.\"}}").kind()).isEqualTo(Kind.QUOTA_EXHAUSTED);
    }

    @Test
    void retriesOverloadAndServerErrorsButNotRequestErrors() {
        assertThat(classify(529, Map.of(), "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}").kind())
                .isEqualTo(Kind.TRANSIENT);
        assertThat(classify(502, Map.of(), "<html>bad gateway</html>").kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(classify(404, Map.of(), "{\"error\":{\"code\":404,\"message\":\"models/x is not found\",\"status\":\"NOT_FOUND\"}}"))
                .satisfies(e -> {
                    assertThat(e.kind()).isEqualTo(Kind.REQUEST);
                    assertThat(e.getMessage()).contains("NOT_FOUND: models/x is not found");
                });
    }

    @Test
    void redactsKeysThatAnErrorMessageEchoes() {
        Secret key = new Secret("sk-proj-REALKEY1234567890");
        ProviderException e = HttpFailures.classify(MODEL, 401, headers(Map.of()),
                "{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-REALKEY1234567890 or sk-abc***xyz\"}}", Optional.of(key), CLOCK);
        assertThat(e.getMessage()).doesNotContain("REALKEY").doesNotContain("sk-abc");
        assertThat(key).hasToString("[secret]");
    }

    private static Optional<Duration> wait(Map<String, String> headers) {
        return RateLimitHeaders.suggestedWait(headers(headers), CLOCK);
    }

    private static ProviderException classify(int status, Map<String, String> headers, String body) {
        return HttpFailures.classify(MODEL, status, headers(headers), body, Optional.empty(), CLOCK);
    }

    private static HttpHeaders headers(Map<String, String> values) {
        Map<String, List<String>> map = new java.util.HashMap<>();
        values.forEach((k, v) -> map.put(k, List.of(v)));
        return HttpHeaders.of(map, (k, v) -> true);
    }
}
