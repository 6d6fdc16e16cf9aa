package dev.crucible.worker.mockllm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import dev.crucible.common.wire.Json;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code POST /v1/chat/completions}: bearer key, {@code x-ratelimit-*} with Go-style resets and no
 * retry-after (clients must read the reset header), {@code insufficient_quota} for an exhausted quota.
 * Refuses {@code max_tokens} and a non-default temperature for reasoning models, as OpenAI does.
 */
final class OpenAiDialect implements Dialect {
    private static final Pattern REASONING_NAMES = Pattern.compile("^(o\\d|gpt-5)([-.].*)?$");

    @Override
    public Call read(String path, JsonNode body) throws Refused {
        if (!body.path("model").isTextual()) {
            throw new Refused("you must provide a model parameter");
        }
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw new Refused("Missing required parameter: 'messages'.");
        }
        boolean reasoning = REASONING_NAMES.matcher(body.path("model").asText()).matches();
        if (reasoning && body.has("max_tokens")) {
            throw new Refused("Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.");
        }
        if (reasoning && body.has("temperature") && body.path("temperature").asDouble() != 1.0) {
            throw new Refused("Unsupported value: 'temperature' does not support " + body.path("temperature").asText()
                    + " with this model. Only the default (1) value is supported.");
        }
        String system = "";
        String user = "";
        for (JsonNode message : messages) {
            switch (message.path("role").asText()) {
                case "system", "developer" -> system = message.path("content").asText("");
                case "user" -> user = message.path("content").asText("");
                default -> {
                    // earlier assistant turns: the simulated model answers the last user turn only
                }
            }
        }
        return new Call(body.path("model").asText(), system, user, reasoning);
    }

    @Override
    public String key(Headers headers) {
        String authorization = headers.getFirst("authorization");
        return authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
    }

    @Override
    public ObjectNode answer(Call call, String text, String reasoning, long inputTokens, long outputTokens, long reasoningTokens) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("id", "chatcmpl-" + UUID.randomUUID().toString().replace("-", "").substring(0, 24));
        body.put("object", "chat.completion").put("created", Instant.now().getEpochSecond()).put("model", call.model());
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant").put("content", text);
        if (call.wantsReasoning()) {
            // what DeepSeek and vLLM return; OpenAI itself keeps reasoning text hidden and reports only its tokens
            message.put("reasoning_content", reasoning);
        }
        choice.put("finish_reason", "stop");
        body.putObject("usage").put("prompt_tokens", inputTokens).put("completion_tokens", outputTokens + reasoningTokens)
                .put("total_tokens", inputTokens + outputTokens + reasoningTokens)
                .putObject("completion_tokens_details").put("reasoning_tokens", call.wantsReasoning() ? reasoningTokens : 0);
        return body;
    }

    @Override
    public ObjectNode error(ErrorKind kind, String message, long retryAfterMs) {
        String type = switch (kind) {
            case INVALID_REQUEST -> "invalid_request_error";
            case AUTHENTICATION -> "invalid_api_key";
            case RATE_LIMITED -> "rate_limit_exceeded";
            case QUOTA -> "insufficient_quota";
            case SERVER -> "server_error";
            case OVERLOADED -> "service_unavailable";
        };
        ObjectNode body = Json.mapper().createObjectNode();
        body.putObject("error").put("message", message).put("type", kind == ErrorKind.RATE_LIMITED ? "requests" : type).putNull("param")
                .put("code", type);
        return body;
    }

    @Override
    public void rateLimitHeaders(Headers headers, long limit, TokenBucket.Take take, Instant now, boolean refused) {
        headers.set("x-ratelimit-limit-requests", Long.toString(limit));
        headers.set("x-ratelimit-remaining-requests", Long.toString(take.remaining()));
        headers.set("x-ratelimit-reset-requests", Dialect.goDuration(refused ? Math.max(1, take.millisUntilNext()) : take.millisUntilFull()));
    }
}
