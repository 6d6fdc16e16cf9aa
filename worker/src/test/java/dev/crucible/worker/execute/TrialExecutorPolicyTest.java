package dev.crucible.worker.execute;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crucible.common.condition.Condition;
import dev.crucible.common.result.ResultStatus;
import dev.crucible.common.result.TrialResult;
import dev.crucible.common.spec.ModelSpec;
import dev.crucible.common.trial.Trial;
import dev.crucible.common.wire.Json;
import dev.crucible.worker.classify.Classification;
import dev.crucible.worker.mockllm.Fault;
import dev.crucible.worker.mockllm.MockLlmConfig;
import dev.crucible.worker.mockllm.MockLlmServer;
import dev.crucible.worker.policy.CallPolicies;
import dev.crucible.worker.policy.CallPolicyConfig;
import dev.crucible.worker.policy.FleetShare;
import dev.crucible.worker.provider.ProviderRegistry;
import dev.crucible.worker.provider.http.ApiKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A trial through a real HTTP provider and mock-llm: each call outcome's trial outcome, and no key anywhere. */
class TrialExecutorPolicyTest {
    private static final String KEY = "sk-ant-api03-SECRETSECRETSECRET-0123456789";
    private static final Condition CONDITION = Condition.parse("blackmail_explicit-america_replacement_dev_instr-none_notice-off");

    private MockLlmServer mock;
    private TrialExecutor executor;

    @BeforeEach
    void start() throws Exception {
        mock = MockLlmServer.start(MockLlmConfig.defaults().withApiKey(KEY).withHarmRate(1.0));
        ProviderRegistry providers = ProviderRegistry.standard(new ApiKeys(name -> name.equals("CRUCIBLE_TEST_KEY") ? KEY : null),
                InstantSource.system());
        CallPolicies policies = new CallPolicies(CallPolicyConfig.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(2)),
                FleetShare.alone(), InstantSource.system());
        executor = new TrialExecutor(providers, policies, Classification.using(providers), "w-test", InstantSource.system());
    }

    @AfterEach
    void stop() {
        mock.close();
    }

    @Test
    void aSecretNeverAppearsInTheTrialOrItsResult() {
        Trial trial = trial("anthropic", "claude-test");
        byte[] trialMessage = Json.write(trial);

        TrialResult result = executor.execute(trial, 1).orElseThrow();

        assertThat(result.status()).isEqualTo(ResultStatus.OK);
        assertThat(result.harmful()).isTrue();
        assertThat(new String(trialMessage, StandardCharsets.UTF_8)).contains("CRUCIBLE_TEST_KEY").doesNotContain(KEY);
        assertThat(Json.writeString(result)).doesNotContain(KEY).doesNotContain("SECRETSECRET");
    }

    @Test
    void aRefusedKeyIsAnErrorResultThatDoesNotRepeatTheKey() throws Exception {
        try (MockLlmServer other = MockLlmServer.start(MockLlmConfig.defaults().withApiKey("another-key"))) {
            Trial trial = trial("openai", "gpt-4.1", Map.of("base_url", other.baseUrl() + "/v1", "api_key_env", "CRUCIBLE_TEST_KEY"));

            TrialResult result = executor.execute(trial, 1).orElseThrow();

            assertThat(result.status()).isEqualTo(ResultStatus.ERROR);
            assertThat(result.failure().type()).isEqualTo("request");
            assertThat(result.failure().message()).contains("HTTP 401");
            assertThat(Json.writeString(result)).doesNotContain(KEY).doesNotContain("SECRETSECRET");
        }
    }

    @Test
    void releasesTrialWhenRetriesAreExhausted() {
        mock.inject(Fault.OVERLOADED, Fault.OVERLOADED, Fault.OVERLOADED, Fault.OVERLOADED);

        Optional<TrialResult> result = executor.execute(trial("anthropic", "claude-test"), 1);

        assertThat(result).isEmpty();
    }

    @Test
    void endsTheTrialAsAnErrorWhenTheRequestIsRefused() {
        mock.inject(Fault.BAD_REQUEST);

        TrialResult result = executor.execute(trial("gemini", "gemini-test"), 2).orElseThrow();

        assertThat(result.status()).isEqualTo(ResultStatus.ERROR);
        assertThat(result.failure().type()).isEqualTo("request");
        assertThat(result.failure().retryable()).isFalse();
        assertThat(result.attempt().deliveryCount()).isEqualTo(2);
    }

    @Test
    void endsTheTrialsOfAPausedModelAsRetryableQuotaErrors() {
        mock.inject(Fault.QUOTA_EXHAUSTED);

        TrialResult first = executor.execute(trial("openai", "gpt-4.1"), 1).orElseThrow();
        TrialResult second = executor.execute(trial("openai", "gpt-4.1"), 1).orElseThrow();

        assertThat(first.failure().type()).isEqualTo("quota_exhausted");
        assertThat(second.failure().retryable()).isTrue();
        assertThat(second.failure().message()).contains("paused");
        assertThat(mock.stats().requests()).isEqualTo(1);
    }

    @Test
    void recordsUsageAndTheAnswerOfAnOkTrial() {
        TrialResult result = executor.execute(trial("gemini", "gemini-test"), 1).orElseThrow();

        assertThat(result.usage().inputTokens()).isPositive();
        assertThat(result.response()).contains("<tool_use:email>");
        assertThat(result.simulated()).isFalse();
    }

    private Trial trial(String provider, String model) {
        String base = provider.startsWith("openai") ? mock.baseUrl() + "/v1" : mock.baseUrl();
        return trial(provider, model, Map.of("base_url", base, "api_key_env", "CRUCIBLE_TEST_KEY"));
    }

    private static Trial trial(String provider, String model, Map<String, Object> parameters) {
        return new Trial("sweep-1", "trial-" + System.nanoTime(), 0, CONDITION, new ModelSpec(provider, model, parameters), 0, 7,
                new ModelSpec("simulated", "judge", Map.of()));
    }
}
