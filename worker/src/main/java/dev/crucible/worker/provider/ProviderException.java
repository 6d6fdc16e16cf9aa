package dev.crucible.worker.provider;

/**
 * A failed model call, classified by the provider that saw it. {@link #retryable()} tells the shared
 * retry policy whether another try could succeed (rate limits, overload, 5xx, timeouts) or not (bad request).
 */
public class ProviderException extends Exception {
    private final String provider;
    private final String model;
    private final boolean retryable;

    public ProviderException(String provider, String model, String message, boolean retryable, Throwable cause) {
        super(provider + "/" + model + ": " + message, cause);
        this.provider = provider;
        this.model = model;
        this.retryable = retryable;
    }

    public String provider() {
        return provider;
    }

    public String model() {
        return model;
    }

    public boolean retryable() {
        return retryable;
    }
}
