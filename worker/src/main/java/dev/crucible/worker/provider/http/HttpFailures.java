package dev.crucible.worker.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crucible.common.spec.ModelSpec;
import dev.crucible.common.wire.Json;
import dev.crucible.worker.provider.ProviderException;
import dev.crucible.worker.provider.ProviderException.Kind;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Classifies an HTTP error answer of any of the three wire formats. All three put the error under
 * {@code error}: Anthropic as {@code {type, message}}, OpenAI as {@code {type, code, message}}, Gemini as
 * {@code {code, status, message, details}} with a {@code RetryInfo.retryDelay} in the details.
 *
 * <table>
 *   <caption>status → kind</caption>
 *   <tr><td>429 with a billing or quota error type</td><td>{@link Kind#QUOTA_EXHAUSTED}</td></tr>
 *   <tr><td>429 with retry-after, an exhausted window's reset header or a retry delay</td><td>{@link Kind#RATE_LIMITED}</td></tr>
 *   <tr><td>429 with none of these</td><td>{@link Kind#QUOTA_EXHAUSTED}: nothing says when it would pass</td></tr>
 *   <tr><td>402, or any status with a billing error type</td><td>{@link Kind#QUOTA_EXHAUSTED}</td></tr>
 *   <tr><td>408, 409, 5xx (529 overloaded included)</td><td>{@link Kind#TRANSIENT}</td></tr>
 *   <tr><td>any other</td><td>{@link Kind#REQUEST}</td></tr>
 * </table>
 */
final class HttpFailures {
    private static final Set<String> BILLING_TYPES = Set.of("billing_error", "insufficient_quota", "billing_hard_limit_reached",
            "billing_not_active");
    // "Your credit balance is too low" (Anthropic), "exceeded your current quota" (OpenAI)
    private static final Pattern BILLING_WORDS = Pattern.compile("credit balance|exceeded your current quota|spend(ing)? (cap|limit)",
            Pattern.CASE_INSENSITIVE);
    // partial keys some providers echo back ("Incorrect API key provided: sk-abc***xyz")
    private static final Pattern KEY_LIKE = Pattern.compile("\\b(sk-[A-Za-z0-9_*\\-]{4,}|AIza[A-Za-z0-9_\\-]{8,}|xai-[A-Za-z0-9_*\\-]{4,})");
    private static final int MAX_MESSAGE = 300;

    private HttpFailures() {
    }

    static ProviderException classify(ModelSpec model, int status, HttpHeaders headers, String body, Optional<Secret> key,
            InstantSource clock) {
        ErrorBody error = ErrorBody.read(body);
        String message = sanitize((error.type().isEmpty() ? "" : error.type() + ": ") + error.message(), key);
        Optional<Duration> wait = RateLimitHeaders.suggestedWait(headers, clock).or(error::retryDelay);
        boolean billing = BILLING_TYPES.contains(error.type().toLowerCase(Locale.ROOT)) || BILLING_WORDS.matcher(error.message()).find();
        Kind kind;
        if (status == 402 || billing) {
            kind = Kind.QUOTA_EXHAUSTED;
        } else if (status == 429) {
            kind = wait.isPresent() ? Kind.RATE_LIMITED : Kind.QUOTA_EXHAUSTED;
        } else if (status == 408 || status == 409 || status >= 500) {
            kind = Kind.TRANSIENT;
        } else {
            kind = Kind.REQUEST;
        }
        if (kind == Kind.QUOTA_EXHAUSTED && status == 429 && !billing) {
            message = message + " (429 without retry-after: treated as quota or spend cap exhausted)";
        }
        return new ProviderException(model.provider(), model.name(), kind, status, wait.orElse(null), message, null);
    }

    /** A failure without an answer (connect, timeout, a truncated body): always transient. */
    static ProviderException transientFailure(ModelSpec model, int status, String what, Throwable cause) {
        return new ProviderException(model.provider(), model.name(), Kind.TRANSIENT, status, null, what, cause);
    }

    static String sanitize(String text, Optional<Secret> key) {
        String redacted = key.map(k -> k.redact(text)).orElse(text);
        redacted = KEY_LIKE.matcher(redacted).replaceAll("[redacted]").replaceAll("\\s+", " ").strip();
        return redacted.length() <= MAX_MESSAGE ? redacted : redacted.substring(0, MAX_MESSAGE - 3) + "...";
    }

    /** The parts of an error body that matter; blank when the body is not the JSON we expect. */
    private record ErrorBody(String type, String message, Optional<Duration> retryDelay) {
        static ErrorBody read(String body) {
            JsonNode root;
            try {
                root = Json.mapper().readTree(body == null ? "" : body);
            } catch (IOException e) {
                return new ErrorBody("", body == null ? "" : body, Optional.empty());
            }
            JsonNode error = root == null ? null : root.path("error");
            if (error == null || !error.isObject()) {
                return new ErrorBody("", body, Optional.empty());
            }
            String type = firstText(error, "type", "code", "status");
            Optional<Duration> delay = Optional.empty();
            for (JsonNode detail : error.path("details")) {
                if (detail.path("retryDelay").isTextual()) {
                    delay = RateLimitHeaders.goDuration(detail.path("retryDelay").asText());
                }
            }
            return new ErrorBody(type, error.path("message").asText(""), delay);
        }

        private static String firstText(JsonNode node, String... fields) {
            for (String field : fields) {
                if (node.path(field).isTextual() && !node.path(field).asText().isBlank()) {
                    return node.path(field).asText();
                }
            }
            return "";
        }
    }
}
