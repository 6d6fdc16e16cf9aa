package dev.crucible.worker.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.crucible.common.spec.ModelSpec;
import dev.crucible.common.wire.Json;
import dev.crucible.worker.provider.ModelRequest;
import dev.crucible.worker.provider.http.ModelParameters;
import dev.crucible.worker.provider.http.WireFormat;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Google's Gemini API ({@code POST /v1beta/models/{model}:generateContent}, key in {@code x-goog-api-key}).
 * Parts marked {@code thought} go to the reasoning; reasoning tokens are {@code thoughtsTokenCount}. A prompt
 * blocked before any candidate is an answer with empty text and stop reason {@code blocked:<reason>}.
 *
 * <p>Parameters: {@code max_tokens} (maxOutputTokens), {@code temperature}, {@code thinking_budget}
 * (thinkingConfig.thinkingBudget, with thought summaries included).
 */
final class GeminiGenerateContent implements WireFormat {
    static final String THINKING_BUDGET = "thinking_budget";

    @Override
    public String defaultBaseUrl() {
        return "https://generativelanguage.googleapis.com";
    }

    @Override
    public String defaultKeyVariable() {
        return "GEMINI_API_KEY";
    }

    @Override
    public URI endpoint(String baseUrl, ModelRequest request) {
        return URI.create(baseUrl + "/v1beta/models/" + URLEncoder.encode(request.model().name(), StandardCharsets.UTF_8)
                + ":generateContent");
    }

    @Override
    public Map<String, String> headers(Optional<String> key) {
        return key.map(k -> Map.of("x-goog-api-key", k)).orElse(Map.of());
    }

    @Override
    public ObjectNode body(ModelRequest request) {
        ModelSpec model = request.model();
        ObjectNode body = Json.mapper().createObjectNode();
        body.putObject("systemInstruction").putArray("parts").addObject().put("text", request.systemPrompt());
        body.putArray("contents").addObject().put("role", "user").putArray("parts").addObject().put("text", request.userPrompt());
        ObjectNode config = body.putObject("generationConfig");
        config.put("maxOutputTokens", ModelParameters.maxTokens(model));
        ModelParameters.number(model, ModelParameters.TEMPERATURE).ifPresent(t -> config.put("temperature", t));
        ModelParameters.whole(model, THINKING_BUDGET).ifPresent(budget ->
                config.putObject("thinkingConfig").put("thinkingBudget", budget).put("includeThoughts", true));
        return body;
    }

    @Override
    public Parsed parse(JsonNode body) throws MalformedAnswer {
        JsonNode usage = body.path("usageMetadata");
        if (!usage.isObject()) {
            throw new MalformedAnswer("a generateContent answer needs usageMetadata");
        }
        long input = usage.path("promptTokenCount").asLong();
        long output = usage.path("candidatesTokenCount").asLong();
        long thoughts = usage.path("thoughtsTokenCount").asLong();
        JsonNode candidate = body.path("candidates").path(0);
        if (candidate.isMissingNode()) {
            String reason = body.path("promptFeedback").path("blockReason").asText("no candidate");
            return new Parsed("", null, input, output, thoughts, "blocked:" + reason);
        }
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        for (JsonNode part : candidate.path("content").path("parts")) {
            (part.path("thought").asBoolean(false) ? reasoning : text).append(part.path("text").asText(""));
        }
        return new Parsed(text.toString(), reasoning.isEmpty() ? null : reasoning.toString(), input, output, thoughts,
                candidate.path("finishReason").asText(null));
    }
}
