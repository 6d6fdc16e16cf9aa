package dev.crucible.common.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real providers' parameters in a spec: accepted shapes, and every way a key could slip into one. */
class ProviderParametersTest {
    private static final String HEAD = """
            name: real
            samples: 1
            scenarios: [blackmail]
            conditions: {goal_type: [none], urgency: [none]}
            models:
            """;
    private static final String FAKE_KEY = "sk-ant-api03-abcdefghijklmnop";

    @Test
    void acceptsEveryRealProviderWithItsParameters() throws Exception {
        SweepSpec spec = SpecLoader.parse("real.yaml", HEAD + """
                  - provider: anthropic
                    name: claude-sonnet-4-5
                    parameters: {api_key_env: ANTHROPIC_KEY_2, account: research, requests_per_minute: 50, thinking_budget_tokens: 2048, max_tokens: 8000}
                  - provider: openai
                    name: o3
                    parameters: {api_key_file: /run/secrets/openai, reasoning_effort: high, max_attempts: 4}
                  - provider: openai-compatible
                    name: deepseek-chat
                    parameters: {base_url: "https://api.deepseek.com/v1", api_key_env: DEEPSEEK_API_KEY, temperature: 0.7}
                  - provider: gemini
                    name: gemini-2.5-pro
                    parameters: {thinking_budget: -1, timeout_s: 120}
                classifiers:
                  judge: {provider: anthropic, name: claude-opus-4-1, parameters: {api_key_env: ANTHROPIC_KEY_2}}
                """);

        assertThat(spec.models()).extracting(ModelSpec::provider)
                .containsExactly("anthropic", "openai", "openai-compatible", "gemini");
        assertThat(spec.models().getFirst().parameters()).containsEntry("api_key_env", "ANTHROPIC_KEY_2")
                .containsEntry("requests_per_minute", 50.0);
        assertThat(spec.models().get(1).parameters()).containsEntry("reasoning_effort", "high");
    }

    @Test
    void refusesAnApiKeyParameterPointingAtItsLine() {
        List<SpecProblem> problems = problems(HEAD + """
                  - provider: openai
                    name: gpt-4.1
                    parameters:
                      api_key: whatever
                """);

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(9);
            assertThat(p.reason()).contains("must never hold an API key").contains("api_key_env").doesNotContain("whatever");
        });
    }

    @Test
    void refusesAKeyWrittenWhereAVariableNameBelongsWithoutRepeatingIt() {
        List<SpecProblem> problems = problems(HEAD + """
                  - provider: anthropic
                    name: claude
                    parameters: {api_key_env: %s}
                """.formatted(FAKE_KEY));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(8);
            assertThat(p.reason()).contains("looks like an API key").doesNotContain(FAKE_KEY);
        });
    }

    @Test
    void refusesAKeyShapedValueInAnyParameter() {
        assertThat(problems(HEAD + """
                  - provider: openai-compatible
                    name: local
                    parameters: {base_url: "http://localhost:11434/v1", account: %s}
                """.formatted("sk-proj-1234567890abcdef"))).singleElement()
                .satisfies(p -> assertThat(p.reason()).contains("looks like an API key"));
    }

    @Test
    void needsABaseUrlForAnOpenAiCompatibleServer() {
        assertThat(problems(HEAD + """
                  - provider: openai-compatible
                    name: llama
                """)).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(6);
            assertThat(p.reason()).contains("needs parameters.base_url");
        });
    }

    @Test
    void refusesOutOfRangeAndMistypedParameters() {
        assertThat(problems(HEAD + """
                  - provider: anthropic
                    name: claude
                    parameters: {max_tokens: 10.5, temperature: 3, thinking_budget_tokens: 100, base_url: "ftp://x", api_key_env: A, api_key_file: /k}
                """)).extracting(SpecProblem::reason).anySatisfy(r -> assertThat(r).contains("max_tokens: must be a whole number"))
                .anySatisfy(r -> assertThat(r).contains("temperature: must be a number from 0 to 2"))
                .anySatisfy(r -> assertThat(r).contains("thinking_budget_tokens: must be a whole number >= 1024"))
                .anySatisfy(r -> assertThat(r).contains("base_url: must be an http:// or https:// URL"))
                .anySatisfy(r -> assertThat(r).contains("not both"));
    }

    @Test
    void refusesAnotherVendorsParameterWithTheAllowedOnes() {
        assertThat(problems(HEAD + """
                  - provider: gemini
                    name: gemini-2.5-flash
                    parameters: {reasoning_effort: low}
                """)).singleElement().satisfies(p -> assertThat(p.reason()).contains("unknown gemini parameter 'reasoning_effort'")
                .contains("thinking_budget"));
    }

    @Test
    void keepsSimulatedParametersAsTheyWere() throws Exception {
        SweepSpec spec = SpecLoader.parse("sim.yaml", HEAD + "  - {provider: simulated, name: s, parameters: {harm_rate: 1}}\n");
        assertThat(spec.models().getFirst().parameters()).isEqualTo(Map.of("harm_rate", 1.0));
    }

    private static List<SpecProblem> problems(String yaml) {
        return ((SpecException) org.assertj.core.api.Assertions.catchThrowable(() -> SpecLoader.parse("real.yaml", yaml))).problems();
    }

    @Test
    void isAnExceptionNotASilentDrop() {
        assertThatThrownBy(() -> SpecLoader.parse("real.yaml", HEAD + "  - {provider: openai, name: o3, parameters: {key: x}}\n"))
                .isInstanceOf(SpecException.class);
    }
}
