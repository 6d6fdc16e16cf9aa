package dev.crucible.worker.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.crucible.common.result.TrialResult.Usage;
import dev.crucible.common.spec.ModelSpec;
import dev.crucible.common.wire.Json;
import dev.crucible.worker.provider.ModelProvider;
import dev.crucible.worker.provider.ModelRequest;
import dev.crucible.worker.provider.ModelResponse;
import dev.crucible.worker.provider.ProviderException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/**
 * A model behind an HTTP API, in one vendor's {@link WireFormat}: a thin {@code java.net.http} + Jackson
 * client that makes exactly one HTTP request per {@link #generate} call — no retries, no waiting: the call
 * policy does those — and classifies every failure ({@link HttpFailures}). Thread-safe.
 *
 * <p>Model parameters read here: {@code base_url} (default: the vendor's), {@code timeout_s} (until the
 * answer's headers arrive, default 300), {@code api_key_env} / {@code api_key_file} ({@link ApiKeys}).
 */
public final class HttpProvider implements ModelProvider {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);

    private final WireFormat format;
    private final HttpClient client;
    private final ApiKeys keys;
    private final InstantSource clock;

    public HttpProvider(WireFormat format, HttpClient client, ApiKeys keys, InstantSource clock) {
        this.format = format;
        this.client = client;
        this.keys = keys;
        this.clock = clock;
    }

    /** The HTTP client every provider of a worker shares: HTTP/1.1, as every vendor and mock-llm speak it. */
    public static HttpClient sharedClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public ModelResponse generate(ModelRequest request) throws ProviderException {
        ModelSpec model = request.model();
        Optional<Secret> key = keys.find(model, format.defaultKeyVariable());
        String base = ModelParameters.text(model, ModelParameters.BASE_URL).orElse(format.defaultBaseUrl()).replaceAll("/+$", "");
        Duration timeout = ModelParameters.number(model, ModelParameters.TIMEOUT_S).stream()
                .mapToObj(s -> Duration.ofMillis(Math.round(s * 1000))).findFirst().orElse(DEFAULT_TIMEOUT);
        HttpRequest.Builder http = HttpRequest.newBuilder(format.endpoint(base, request))
                .timeout(timeout)
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(format.body(request))));
        format.headers(key.map(Secret::reveal)).forEach(http::header);
        long started = clock.millis();
        HttpResponse<String> response = send(model, http.build(), timeout, key);
        long latency = clock.millis() - started;
        if (response.statusCode() / 100 != 2) {
            throw HttpFailures.classify(model, response.statusCode(), response.headers(), response.body(), key, clock);
        }
        WireFormat.Parsed parsed;
        try {
            JsonNode body = Json.mapper().readTree(response.body());
            parsed = format.parse(body);
        } catch (IOException | WireFormat.MalformedAnswer e) {
            throw HttpFailures.transientFailure(model, response.statusCode(), "malformed or truncated answer: "
                    + HttpFailures.sanitize(String.valueOf(e.getMessage()), key), null);
        }
        return new ModelResponse(parsed.text(), parsed.reasoning(),
                new Usage(parsed.inputTokens(), parsed.outputTokens(), parsed.reasoningTokens()), parsed.stopReason(), latency,
                RateLimitHeaders.quota(response.headers(), clock));
    }

    private HttpResponse<String> send(ModelSpec model, HttpRequest request, Duration timeout, Optional<Secret> key)
            throws ProviderException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw HttpFailures.transientFailure(model, ProviderException.NO_STATUS, "no answer within " + timeout.toMillis() + " ms", null);
        } catch (IOException e) {
            // a refused or reset connection, or a body shorter than its content-length
            throw HttpFailures.transientFailure(model, ProviderException.NO_STATUS, "connection failed: " + e.getClass().getSimpleName()
                    + ": " + HttpFailures.sanitize(String.valueOf(e.getMessage()), key), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HttpFailures.transientFailure(model, ProviderException.NO_STATUS, "interrupted", null);
        }
    }
}
