package dev.crucible.worker.provider.http;

import dev.crucible.common.spec.ModelSpec;
import dev.crucible.worker.provider.ProviderException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Finds a model's API key on the worker that runs it: in the environment variable named by the model's
 * {@code api_key_env} parameter, or in the file named by {@code api_key_file}, or in the provider's usual
 * variable ({@code ANTHROPIC_API_KEY}, ...). A spec only ever names where a key is, never the key, so trial
 * messages on Kafka carry no secret. Thread-safe; a key file is read on every call, so a rotated key is
 * picked up without a restart.
 */
public final class ApiKeys {
    public static final String ENV_PARAMETER = "api_key_env";
    public static final String FILE_PARAMETER = "api_key_file";

    private final UnaryOperator<String> environment;

    public ApiKeys(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    public static ApiKeys fromEnvironment() {
        return new ApiKeys(System::getenv);
    }

    /**
     * @param defaultVariable the provider's usual variable, or null when the endpoint may need no key (a local
     *                        OpenAI-compatible server)
     * @return empty when no key is named and the provider's usual variable is unset or null
     * @throws ProviderException ({@link ProviderException.Kind#REQUEST}) when a named variable or file has no key
     */
    Optional<Secret> find(ModelSpec model, String defaultVariable) throws ProviderException {
        Object file = model.parameters().get(FILE_PARAMETER);
        if (file instanceof String path) {
            return Optional.of(fromFile(model, Path.of(path)));
        }
        Object variable = model.parameters().get(ENV_PARAMETER);
        if (variable instanceof String name) {
            return Optional.of(fromVariable(model, name));
        }
        if (defaultVariable == null) {
            return Optional.empty();
        }
        String value = environment.apply(defaultVariable);
        if (value == null || value.isBlank()) {
            throw missing(model, "no API key: set the environment variable " + defaultVariable
                    + " on the worker, or name another with the model parameter " + ENV_PARAMETER + " or " + FILE_PARAMETER);
        }
        return Optional.of(new Secret(value.strip()));
    }

    private Secret fromVariable(ModelSpec model, String name) throws ProviderException {
        String value = environment.apply(name);
        if (value == null || value.isBlank()) {
            throw missing(model, "no API key: the environment variable " + name + " (" + ENV_PARAMETER + ") is not set on this worker");
        }
        return new Secret(value.strip());
    }

    private static Secret fromFile(ModelSpec model, Path path) throws ProviderException {
        try {
            String value = Files.readString(path, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw missing(model, "no API key: the file " + path + " (" + FILE_PARAMETER + ") is empty");
            }
            return new Secret(value);
        } catch (IOException e) {
            // the exception's own message names only the path, never the content
            throw missing(model, "no API key: cannot read " + path + " (" + FILE_PARAMETER + "): " + e.getClass().getSimpleName());
        }
    }

    private static ProviderException missing(ModelSpec model, String message) {
        return new ProviderException(model.provider(), model.name(), ProviderException.Kind.REQUEST, ProviderException.NO_STATUS,
                null, message, null);
    }
}
