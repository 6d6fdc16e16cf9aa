package dev.crucible.worker.provider.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crucible.worker.provider.ModelRequest;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * One vendor's request and answer shapes, without any I/O: {@link HttpProvider} does the HTTP, the key
 * lookup and the failure classification that all vendors share. Implementations are stateless.
 */
public interface WireFormat {

    /** Used when the model has no {@code base_url} parameter. */
    String defaultBaseUrl();

    /** The provider's usual key variable, or null when its endpoints may need no key. */
    String defaultKeyVariable();

    /** Where to send {@code request}, given the base URL without a trailing slash. */
    URI endpoint(String baseUrl, ModelRequest request);

    /** Headers besides {@code content-type}; {@code key} is the API key to put in the vendor's header, if any. */
    Map<String, String> headers(Optional<String> key);

    ObjectNode body(ModelRequest request);

    /** The answer of a 2xx response; a body that is not the expected shape throws {@link MalformedAnswer}. */
    Parsed parse(JsonNode body) throws MalformedAnswer;

    /** Text, reasoning, token counts and stop reason as the vendor reported them. */
    record Parsed(String text, String reasoning, long inputTokens, long outputTokens, long reasoningTokens, String stopReason) {
    }

    /** A 2xx body without the fields an answer must have (a truncated or foreign body). */
    final class MalformedAnswer extends Exception {
        public MalformedAnswer(String message) {
            super(message);
        }
    }
}
