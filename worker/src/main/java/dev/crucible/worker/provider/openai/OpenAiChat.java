package dev.crucible.worker.provider.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crucible.common.spec.ModelSpec;
import dev.crucible.common.wire.Json;
import dev.crucible.worker.provider.ModelRequest;
import dev.crucible.worker.provider.http.ModelParameters;
import dev.crucible.worker.provider.http.WireFormat;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * OpenAI's Chat Completions ({@code POST <base>/chat/completions}, the base ending in {@code /v1}), which most
 * other vendors and local servers also speak. Reasoning models (o-series, gpt-5; or {@code reasoning_model:
 * true}) take {@code max_completion_tokens} and no temperature, and may take {@code reasoning_effort}.
 * Reasoning text, where a server returns it ({@code reasoning_content}: DeepSeek, vLLM; {@code reasoning}:
 * OpenRouter, Ollama), is kept apart; reasoning tokens come from {@code completion_tokens_details}.
 */
final class OpenAiChat implements WireFormat {
    static final String REASONING_MODEL = "reasoning_model";
    static final String REASONING_EFFORT = "reasoning_effort";
    private static final Pattern REASONING_NAMES = Pattern.compile("^(o\\d|gpt-5)([-.].*)?$");

    private final String defaultBaseUrl;
    private final String defaultKeyVariable;

    OpenAiChat(String defaultBaseUrl, String defaultKeyVariable) {
        this.defaultBaseUrl = defaultBaseUrl;
        this.defaultKeyVariable = defaultKeyVariable;
    }

    @Override
    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    @Override
    public String defaultKeyVariable() {
        return defaultKeyVariable;
    }

    @Override
    public URI endpoint(String baseUrl, ModelRequest request) {
        return URI.create(baseUrl + "/chat/completions");
    }

    @Override
    public Map<String, String> headers(Optional<String> key) {
        return key.map(k -> Map.of("authorization", "Bearer " + k)).orElse(Map.of());
    }

    @Override
    public ObjectNode body(ModelRequest request) {
        ModelSpec model = request.model();
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("model", model.name());
        var messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", request.systemPrompt());
        messages.addObject().put("role", "user").put("content", request.userPrompt());
        if (isReasoningModel(model)) {
            body.put("max_completion_tokens", ModelParameters.maxTokens(model));
            ModelParameters.text(model, REASONING_EFFORT).ifPresent(effort -> body.put("reasoning_effort", effort));
        } else {
            body.put("max_tokens", ModelParameters.maxTokens(model));
            ModelParameters.number(model, ModelParameters.TEMPERATURE).ifPresent(t -> body.put("temperature", t));
        }
        return body;
    }

    static boolean isReasoningModel(ModelSpec model) {
        return ModelParameters.flag(model, REASONING_MODEL).orElseGet(() -> REASONING_NAMES.matcher(model.name()).matches());
    }

    @Override
    public Parsed parse(JsonNode body) throws MalformedAnswer {
        JsonNode choice = body.path("choices").path(0);
        if (!choice.path("message").isObject()) {
            throw new MalformedAnswer("a chat completion needs choices[0].message");
        }
        JsonNode message = choice.path("message");
        String reasoning = message.path("reasoning_content").isTextual() ? message.path("reasoning_content").asText()
                : message.path("reasoning").isTextual() ? message.path("reasoning").asText() : null;
        JsonNode usage = body.path("usage");
        return new Parsed(message.path("content").asText(""), reasoning, usage.path("prompt_tokens").asLong(),
                usage.path("completion_tokens").asLong(), usage.path("completion_tokens_details").path("reasoning_tokens").asLong(),
                choice.path("finish_reason").asText(null));
    }
}
