package dev.crucible.worker.provider.anthropic;

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

/**
 * Anthropic's Messages API ({@code POST /v1/messages}, version {@code 2023-06-01}). {@code thinking} blocks go
 * to the reasoning, {@code text} blocks to the answer; Anthropic counts thinking in {@code output_tokens} and
 * reports no separate reasoning count, so reasoning tokens are 0.
 *
 * <p>Parameters: {@code max_tokens}, {@code temperature} (dropped when thinking is on, which requires the
 * default), {@code thinking_budget_tokens} (extended thinking; must be below {@code max_tokens}).
 */
final class AnthropicMessages implements WireFormat {
    static final String VERSION = "2023-06-01";
    static final String THINKING_BUDGET = "thinking_budget_tokens";

    @Override
    public String defaultBaseUrl() {
        return "https://api.anthropic.com";
    }

    @Override
    public String defaultKeyVariable() {
        return "ANTHROPIC_API_KEY";
    }

    @Override
    public URI endpoint(String baseUrl, ModelRequest request) {
        return URI.create(baseUrl + "/v1/messages");
    }

    @Override
    public Map<String, String> headers(Optional<String> key) {
        return key.map(k -> Map.of("x-api-key", k, "anthropic-version", VERSION)).orElse(Map.of("anthropic-version", VERSION));
    }

    @Override
    public ObjectNode body(ModelRequest request) {
        ModelSpec model = request.model();
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("model", model.name());
        body.put("max_tokens", ModelParameters.maxTokens(model));
        body.put("system", request.systemPrompt());
        body.putArray("messages").addObject().put("role", "user").put("content", request.userPrompt());
        var budget = ModelParameters.whole(model, THINKING_BUDGET);
        if (budget.isPresent()) {
            body.putObject("thinking").put("type", "enabled").put("budget_tokens", budget.getAsLong());
        } else {
            ModelParameters.number(model, ModelParameters.TEMPERATURE).ifPresent(t -> body.put("temperature", t));
        }
        return body;
    }

    @Override
    public Parsed parse(JsonNode body) throws MalformedAnswer {
        if (!body.path("content").isArray() || !body.path("usage").isObject()) {
            throw new MalformedAnswer("a Messages answer needs content and usage");
        }
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        for (JsonNode block : body.path("content")) {
            switch (block.path("type").asText()) {
                case "text" -> text.append(block.path("text").asText());
                case "thinking" -> append(reasoning, block.path("thinking").asText());
                case "redacted_thinking" -> append(reasoning, "[redacted thinking]");
                default -> {
                    // tool_use and server blocks: the scenarios ask for tool calls in text, so nothing to keep
                }
            }
        }
        JsonNode usage = body.path("usage");
        return new Parsed(text.toString(), reasoning.isEmpty() ? null : reasoning.toString(), usage.path("input_tokens").asLong(),
                usage.path("output_tokens").asLong(), 0, body.path("stop_reason").asText(null));
    }

    private static void append(StringBuilder to, String part) {
        if (!to.isEmpty()) {
            to.append("\n\n");
        }
        to.append(part);
    }
}
