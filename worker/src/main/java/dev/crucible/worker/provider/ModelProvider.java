package dev.crucible.worker.provider;

/**
 * Calls one vendor's model. A provider only talks its wire format and classifies what went wrong
 * ({@link ProviderException#retryable()}); retrying, rate limiting and circuit breaking belong to one shared
 * policy around every provider, never to a provider itself.
 *
 * <p>Implementations are thread-safe: a worker calls {@link #generate} from many virtual threads at once.
 */
public interface ModelProvider {

    /** Blocks until the model answered or failed. */
    ModelResponse generate(ModelRequest request) throws ProviderException;
}
