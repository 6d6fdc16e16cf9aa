package dev.crucible.worker.mockllm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import dev.crucible.common.wire.Json;
import java.time.Instant;
import java.util.UUID;

/** {@code POST /v1/messages}: key in {@code x-api-key}, 529 when overloaded, {@code anthropic-ratelimit-*} with RFC 3339 resets. */
final class AnthropicDialect implements Dialect {

    @Override
    public Call read(String path, JsonNode body) throws Refused {
        if (!body.path("model").isTextual()) {
            throw new Refused("model: Field required");
        }
        if (!body.path("max_tokens").canConvertToLong()) {
            throw new Refused("max_tokens: Field required");
        }
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw new Refused("messages: Field required");
        }
        JsonNode thinking = body.path("thinking");
        if (thinking.path("type").asText().equals("enabled")
                && thinking.path("budget_tokens").asLong() >= body.path("max_tokens").asLong()) {
            throw new Refused("`max_tokens` must be greater than `thinking.budget_tokens`");
        }
        if (thinking.isObject() && body.has("temperature") && body.path("temperature").asDouble() != 1.0) {
            throw new Refused("`temperature` may only be set to 1 when thinking is enabled");
        }
        return new Call(body.path("model").asText(), body.path("system").asText(""), messages.path(messages.size() - 1).path("content").asText(""),
                thinking.path("type").asText().equals("enabled"));
    }

    @Override
    public String key(Headers headers) {
        return headers.getFirst("x-api-key");
    }

    @Override
    public ObjectNode answer(Call call, String text, String reasoning, long inputTokens, long outputTokens, long reasoningTokens) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("id", "msg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
        body.put("type", "message").put("role", "assistant").put("model", call.model());
        var content = body.putArray("content");
        if (call.wantsReasoning()) {
            content.addObject().put("type", "thinking").put("thinking", reasoning).put("signature", "mock-signature");
        }
        content.addObject().put("type", "text").put("text", text);
        body.put("stop_reason", "end_turn").putNull("stop_sequence");
        body.putObject("usage").put("input_tokens", inputTokens).put("output_tokens", outputTokens + reasoningTokens)
                .put("cache_creation_input_tokens", 0).put("cache_read_input_tokens", 0);
        return body;
    }

    /** Anthropic answers overload with its own 529. */
    @Override
    public int status(ErrorKind kind) {
        return kind == ErrorKind.OVERLOADED ? 529 : Dialect.super.status(kind);
    }

    @Override
    public ObjectNode error(ErrorKind kind, String message, long retryAfterMs) {
        String type = switch (kind) {
            case INVALID_REQUEST -> "invalid_request_error";
            case AUTHENTICATION -> "authentication_error";
            case RATE_LIMITED -> "rate_limit_error";
            case QUOTA -> "billing_error";
            case SERVER -> "api_error";
            case OVERLOADED -> "overloaded_error";
        };
        ObjectNode body = Json.mapper().createObjectNode().put("type", "error");
        body.putObject("error").put("type", type).put("message", message);
        return body;
    }

    @Override
    public void rateLimitHeaders(Headers headers, long limit, TokenBucket.Take take, Instant now, boolean refused) {
        headers.set("anthropic-ratelimit-requests-limit", Long.toString(limit));
        headers.set("anthropic-ratelimit-requests-remaining", Long.toString(take.remaining()));
        headers.set("anthropic-ratelimit-requests-reset", now.plusMillis(take.millisUntilFull()).toString());
        if (refused) {
            headers.set("retry-after", Long.toString(Math.max(1, (take.millisUntilNext() + 999) / 1000)));
        }
    }
}
