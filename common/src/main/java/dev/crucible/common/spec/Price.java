package dev.crucible.common.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.crucible.common.result.TrialResult.Usage;

/**
 * What a model's tokens cost, in USD per million tokens, from the spec's {@code prices} section.
 *
 * @param input     per million input (prompt) tokens
 * @param output    per million output tokens
 * @param reasoning per million reasoning tokens; null bills them at the output price
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Price(double input, double output, Double reasoning) {

    public Price {
        if (!(input >= 0) || !(output >= 0) || reasoning != null && !(reasoning >= 0)) {
            throw new IllegalArgumentException("prices must be finite and >= 0");
        }
    }

    /**
     * The cost of one call's usage. Providers count reasoning two ways: OpenAI includes it in the output count
     * (and reports it as a breakdown), Gemini reports it apart from the output. {@code reasoningInOutput} says
     * which, so reasoning is never billed twice.
     */
    public double costUsd(Usage usage, boolean reasoningInOutput) {
        long reasoningTokens = usage.reasoningTokens();
        long plainOutput = reasoningInOutput ? Math.max(0, usage.outputTokens() - reasoningTokens) : usage.outputTokens();
        double reasoningPrice = reasoning == null ? output : reasoning;
        return (usage.inputTokens() * input + plainOutput * output + reasoningTokens * reasoningPrice) / 1_000_000d;
    }
}
