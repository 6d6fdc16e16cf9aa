package dev.crucible.worker.provider;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A failed model call, classified by the provider that saw it. A provider only classifies; the shared call
 * policy decides what to do: {@link Kind#TRANSIENT} and {@link Kind#RATE_LIMITED} are retried (after
 * {@link #suggestedWait()} when the provider named one), {@link Kind#REQUEST} ends the trial as an error,
 * {@link Kind#QUOTA_EXHAUSTED} pauses the model.
 *
 * <p>Carries its coordinates (provider, model, HTTP status) so that a log line or a trial's failure says
 * where it happened. The message never holds an API key: providers build it from status, error type and the
 * provider's own error message only.
 */
public class ProviderException extends Exception {

    /** What went wrong, as far as retrying is concerned. */
    public enum Kind {
        /** Overload, 5xx, timeout, a broken connection or a truncated body: another try may succeed. */
        TRANSIENT(true),
        /** The account's rate limit: another try succeeds after the suggested wait. */
        RATE_LIMITED(true),
        /** The request itself was refused (400-class): the same request fails the same way. */
        REQUEST(false),
        /** Quota or spend cap exhausted (a 429 without retry-after, a billing error): nothing succeeds until a human acts. */
        QUOTA_EXHAUSTED(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }

        /** The failure type stored in a trial's result: {@code transient}, {@code rate_limited}, ... */
        public String type() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** No HTTP status: the call never got an answer (timeout, connection refused, interrupted). */
    public static final int NO_STATUS = 0;

    private final String provider;
    private final String model;
    private final Kind kind;
    private final int status;
    private final Duration suggestedWait;

    public ProviderException(String provider, String model, Kind kind, int status, Duration suggestedWait, String message,
            Throwable cause) {
        super(provider + "/" + model + ": " + (status == NO_STATUS ? "" : "HTTP " + status + ": ") + message, cause);
        this.provider = Objects.requireNonNull(provider, "provider");
        this.model = Objects.requireNonNull(model, "model");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = status;
        this.suggestedWait = suggestedWait;
    }

    /** A failure without an HTTP exchange: retryable ones are {@link Kind#TRANSIENT}, the others {@link Kind#REQUEST}. */
    public ProviderException(String provider, String model, String message, boolean retryable, Throwable cause) {
        this(provider, model, retryable ? Kind.TRANSIENT : Kind.REQUEST, NO_STATUS, null, message, cause);
    }

    public String provider() {
        return provider;
    }

    public String model() {
        return model;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or {@link #NO_STATUS}. */
    public int status() {
        return status;
    }

    /** How long the provider asked us to wait (retry-after, a rate-limit reset header, a retry delay in the body). */
    public Optional<Duration> suggestedWait() {
        return Optional.ofNullable(suggestedWait);
    }

    public boolean retryable() {
        return kind.retryable();
    }
}
