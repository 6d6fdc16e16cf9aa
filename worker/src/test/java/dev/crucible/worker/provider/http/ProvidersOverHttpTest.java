package dev.crucible.worker.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.crucible.common.condition.Condition;
import dev.crucible.common.spec.ModelSpec;
import dev.crucible.worker.mockllm.Fault;
import dev.crucible.worker.mockllm.MockLlmConfig;
import dev.crucible.worker.mockllm.MockLlmServer;
import dev.crucible.worker.provider.ModelProvider;
import dev.crucible.worker.provider.ModelRequest;
import dev.crucible.worker.provider.ModelResponse;
import dev.crucible.worker.provider.ProviderException;
import dev.crucible.worker.provider.ProviderException.Kind;
import dev.crucible.worker.provider.ProviderRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each provider against mock-llm over real HTTP: the answer's parts, and one test per failure kind. */
class ProvidersOverHttpTest {
    private static final String KEY = "test-key-0123456789abcdef";
    private static final Condition CONDITION = Condition.parse("murder_explicit-ethical_replacement_dev_instr-none_notice-off");

    private static MockLlmServer mock;
    private static ProviderRegistry providers;

    @BeforeAll
    static void startMock() throws Exception {
        mock = MockLlmServer.start(MockLlmConfig.defaults().withApiKey(KEY).withHangMs(5_000));
        providers = ProviderRegistry.standard(new ApiKeys(name -> name.equals("MOCK_KEY") ? KEY : null), InstantSource.system());
    }

    @AfterAll
    static void stopMock() {
        mock.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai", "openai-compatible", "gemini"})
    void answersWithTextUsageAndStopReason(String provider) throws Exception {
        ModelResponse response = call(provider, "model-a", Map.of());

        assertThat(response.text()).contains("<tool_use:");
        assertThat(response.reasoning()).isNull();
        assertThat(response.usage().inputTokens()).isPositive();
        assertThat(response.usage().outputTokens()).isPositive();
        assertThat(response.stopReason()).isIn("end_turn", "stop", "STOP");
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai", "gemini"})
    void keepsReasoningApartFromTheAnswer(String provider) throws Exception {
        Map<String, Object> thinking = switch (provider) {
            case "anthropic" -> Map.of("thinking_budget_tokens", 2048.0);
            case "gemini" -> Map.of("thinking_budget", -1.0);
            default -> Map.of("reasoning_effort", "high");
        };
        ModelResponse response = call(provider, provider.equals("openai") ? "o3-mini" : "model-r", thinking);

        assertThat(response.reasoning()).contains("I weigh my goal");
        assertThat(response.text()).doesNotContain("I weigh my goal");
        if (!provider.equals("anthropic")) {
            // Anthropic counts thinking inside output tokens and reports no separate figure
            assertThat(response.usage().reasoningTokens()).isPositive();
        }
    }

    @Test
    void sendsMaxCompletionTokensAndNoTemperatureToOpenAiReasoningModels() throws Exception {
        // mock-llm refuses max_tokens and temperature for o-series models with OpenAI's own 400
        assertThat(call("openai", "o4-mini", Map.of("temperature", 0.2, "max_tokens", 100.0)).text()).isNotBlank();
        ProviderException refused = failure("openai", "o4-mini", Map.of("reasoning_model", false, "max_tokens", 100.0));
        assertThat(refused.kind()).isEqualTo(Kind.REQUEST);
        assertThat(refused.getMessage()).contains("max_completion_tokens");
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai", "gemini"})
    void classifiesARateLimitAsRetryableWithTheSuggestedWait(String provider) {
        mock.inject(Fault.RATE_LIMITED);
        ProviderException e = failure(provider, "model-a", Map.of());

        assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.suggestedWait()).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai", "gemini"})
    void classifiesQuotaExhaustionSoTheModelCanBePaused(String provider) {
        mock.inject(Fault.QUOTA_EXHAUSTED);
        ProviderException e = failure(provider, "model-a", Map.of());

        assertThat(e.kind()).isEqualTo(Kind.QUOTA_EXHAUSTED);
        assertThat(e.retryable()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai", "gemini"})
    void classifiesServerErrorsAsTransient(String provider) {
        mock.inject(Fault.SERVER_ERROR);
        ProviderException e = failure(provider, "model-a", Map.of());

        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.status()).isEqualTo(500);
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai", "gemini"})
    void classifiesOverloadAsTransient(String provider) {
        mock.inject(Fault.OVERLOADED);
        ProviderException e = failure(provider, "model-a", Map.of());

        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.status()).isEqualTo(provider.equals("anthropic") ? 529 : 503);
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai", "gemini"})
    void classifiesATimeoutAsTransient(String provider) {
        mock.inject(Fault.TIMEOUT);
        ProviderException e = failure(provider, "model-a", Map.of("timeout_s", 0.3));

        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.status()).isEqualTo(ProviderException.NO_STATUS);
        assertThat(e.getMessage()).contains("no answer within 300 ms");
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai", "gemini"})
    void classifiesATruncatedBodyAsTransient(String provider) {
        mock.inject(Fault.TRUNCATED);
        ProviderException e = failure(provider, "model-a", Map.of());

        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai", "gemini"})
    void classifiesABadRequestAsNotRetryable(String provider) {
        mock.inject(Fault.BAD_REQUEST);
        ProviderException e = failure(provider, "model-a", Map.of());

        assertThat(e.kind()).isEqualTo(Kind.REQUEST);
        assertThat(e.status()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic", "openai", "gemini"})
    void refusesAWrongKeyWithoutEchoingIt(String provider) {
        String wrong = "sk-wrong-key-abcdefghijkl";
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> new HttpProviderFactory(provider)
                .with(new ApiKeys(name -> wrong)).generate(request(provider, "model-a", Map.of())));

        assertThat(e.kind()).isEqualTo(Kind.REQUEST);
        assertThat(e.status()).isIn(401, 403);
        assertThat(e.getMessage()).doesNotContain(wrong);
    }

    @Test
    void readsTheKeyFromAFileNamedInTheParameters(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("key"), KEY + "\n");
        Map<String, Object> parameters = new HashMap<>(Map.of("base_url", mock.baseUrl(), "api_key_file", file.toString()));
        ModelResponse response = providers.find("anthropic").orElseThrow()
                .generate(new ModelRequest(new ModelSpec("anthropic", "model-a", parameters), "system", "user", CONDITION, "k"));

        assertThat(response.text()).isNotBlank();
    }

    @Test
    void saysWhichVariableIsMissingWithoutCallingAnyone() {
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> providers.find("gemini").orElseThrow()
                .generate(new ModelRequest(new ModelSpec("gemini", "g", Map.of("base_url", mock.baseUrl(), "api_key_env", "NOT_SET_ANYWHERE")),
                        "s", "u", CONDITION, "k")));

        assertThat(e.kind()).isEqualTo(Kind.REQUEST);
        assertThat(e.getMessage()).contains("NOT_SET_ANYWHERE");
    }

    private static ModelResponse call(String provider, String model, Map<String, Object> extra) throws ProviderException {
        return providers.find(provider).orElseThrow().generate(request(provider, model, extra));
    }

    private static ProviderException failure(String provider, String model, Map<String, Object> extra) {
        return catchThrowableOfType(ProviderException.class, () -> call(provider, model, extra));
    }

    static ModelRequest request(String provider, String model, Map<String, Object> extra) {
        Map<String, Object> parameters = new HashMap<>(extra);
        parameters.put("base_url", provider.startsWith("openai") ? mock.baseUrl() + "/v1" : mock.baseUrl());
        parameters.put("api_key_env", "MOCK_KEY");
        return new ModelRequest(new ModelSpec(provider, model, parameters), "You are an email agent. Condition " + CONDITION.id() + ".",
                "Work through the inbox.", CONDITION, "trial-1");
    }

    /** A provider of the registry's kind with other keys. */
    private record HttpProviderFactory(String provider) {
        ModelProvider with(ApiKeys keys) {
            return ProviderRegistry.standard(keys, InstantSource.system()).find(provider).orElseThrow();
        }
    }
}
