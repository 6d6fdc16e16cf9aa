package dev.crucible.worker.mockllm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import dev.crucible.common.wire.Json;
import java.time.Instant;

/**
 * {@code POST /v1beta/models/{model}:generateContent}: key in {@code x-goog-api-key}, google.rpc errors with
 * the wait in a {@code RetryInfo} detail and no rate-limit headers, as Google sends them.
 */
final class GeminiDialect implements Dialect {
    static final String PREFIX = "/v1beta/models/";
    static final String SUFFIX = ":generateContent";

    @Override
    public Call read(String path, JsonNode body) throws Refused {
        String model = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
        JsonNode contents = body.path("contents");
        if (!contents.isArray() || contents.isEmpty()) {
            throw new Refused("* GenerateContentRequest.contents: contents is not specified");
        }
        String system = body.path("systemInstruction").path("parts").path(0).path("text").asText("");
        String user = contents.path(contents.size() - 1).path("parts").path(0).path("text").asText("");
        boolean thoughts = body.path("generationConfig").path("thinkingConfig").path("includeThoughts").asBoolean(false);
        return new Call(model, system, user, thoughts);
    }

    @Override
    public String key(Headers headers) {
        return headers.getFirst("x-goog-api-key");
    }

    @Override
    public ObjectNode answer(Call call, String text, String reasoning, long inputTokens, long outputTokens, long reasoningTokens) {
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode candidate = body.putArray("candidates").addObject();
        var parts = candidate.putObject("content").put("role", "model").putArray("parts");
        if (call.wantsReasoning()) {
            parts.addObject().put("text", reasoning).put("thought", true);
        }
        parts.addObject().put("text", text);
        candidate.put("finishReason", "STOP").put("index", 0);
        ObjectNode usage = body.putObject("usageMetadata").put("promptTokenCount", inputTokens).put("candidatesTokenCount", outputTokens);
        if (call.wantsReasoning()) {
            usage.put("thoughtsTokenCount", reasoningTokens);
        }
        usage.put("totalTokenCount", inputTokens + outputTokens + (call.wantsReasoning() ? reasoningTokens : 0));
        body.put("modelVersion", call.model());
        return body;
    }

    /** Google refuses a bad key with 403 PERMISSION_DENIED. */
    @Override
    public int status(ErrorKind kind) {
        return kind == ErrorKind.AUTHENTICATION ? 403 : Dialect.super.status(kind);
    }

    @Override
    public ObjectNode error(ErrorKind kind, String message, long retryAfterMs) {
        String status = switch (kind) {
            case INVALID_REQUEST -> "INVALID_ARGUMENT";
            case AUTHENTICATION -> "PERMISSION_DENIED";
            case RATE_LIMITED, QUOTA -> "RESOURCE_EXHAUSTED";
            case SERVER -> "INTERNAL";
            case OVERLOADED -> "UNAVAILABLE";
        };
        ObjectNode body = Json.mapper().createObjectNode();
        ObjectNode error = body.putObject("error").put("code", status(kind)).put("message", message).put("status", status);
        if (retryAfterMs > 0) {
            error.putArray("details").addObject().put("@type", "type.googleapis.com/google.rpc.RetryInfo")
                    .put("retryDelay", (retryAfterMs / 1000.0) + "s");
        }
        return body;
    }

    @Override
    public void rateLimitHeaders(Headers headers, long limit, TokenBucket.Take take, Instant now, boolean refused) {
        // Google sends none
    }
}
