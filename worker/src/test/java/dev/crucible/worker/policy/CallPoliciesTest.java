package dev.crucible.worker.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crucible.common.condition.Condition;
import dev.crucible.common.spec.ModelSpec;
import dev.crucible.worker.mockllm.Fault;
import dev.crucible.worker.observe.ProviderMetrics;
import dev.crucible.worker.mockllm.MockLlmConfig;
import dev.crucible.worker.mockllm.MockLlmServer;
import dev.crucible.worker.provider.ModelProvider;
import dev.crucible.worker.provider.ModelRequest;
import dev.crucible.worker.provider.ProviderException.Kind;
import dev.crucible.worker.provider.ProviderRegistry;
import dev.crucible.worker.provider.http.ApiKeys;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The call policy around real HTTP providers and mock-llm: what is retried, released, refused, paused and paced. */
class CallPoliciesTest {
    private static final Condition CONDITION = Condition.parse("leaking_explicit-safety_restriction_prod_instr-none_notice-off");
    private static final CallPolicyConfig FAST = CallPolicyConfig.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(5));

    private MockLlmServer mock;
    private ProviderRegistry providers;

    @BeforeEach
    void start() throws Exception {
        mock = MockLlmServer.start(MockLlmConfig.defaults());
        providers = ProviderRegistry.standard(new ApiKeys(name -> "k"), InstantSource.system());
    }

    @AfterEach
    void stop() {
        mock.close();
    }

    @Test
    void retriesServerErrorsOverloadAndTruncatedBodiesUntilTheModelAnswers() {
        mock.inject(Fault.SERVER_ERROR, Fault.OVERLOADED, Fault.TRUNCATED);

        CallOutcome outcome = call(policies(FAST), "anthropic", "m", Map.of());

        assertThat(outcome).isInstanceOfSatisfying(CallOutcome.Answered.class, a -> assertThat(a.attempts()).isEqualTo(4));
    }

    @Test
    void waitsWhatTheRateLimitHeadersSayBeforeRetrying() {
        mock.inject(Fault.RATE_LIMITED);
        long started = System.nanoTime();

        CallOutcome outcome = call(policies(FAST), "openai", "gpt-4.1", Map.of());

        assertThat(outcome).isInstanceOfSatisfying(CallOutcome.Answered.class, a -> assertThat(a.attempts()).isEqualTo(2));
        // mock-llm's reset header says 200 ms; the fast backoff alone would have waited at most 5 ms
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(190));
    }

    @Test
    void releasesTrialWhenRetriesAreExhausted() {
        mock.inject(Fault.SERVER_ERROR, Fault.SERVER_ERROR, Fault.SERVER_ERROR, Fault.SERVER_ERROR);

        CallOutcome outcome = call(policies(FAST), "gemini", "g", Map.of());

        assertThat(outcome).isInstanceOfSatisfying(CallOutcome.Unfinished.class,
                u -> assertThat(u.reason()).contains("gave up after 4 attempts").contains("HTTP 500"));
        assertThat(mock.stats().requests()).isEqualTo(4);
    }

    @Test
    void releasesRatherThanWaitingLongerThanTheLockAllows() {
        mock.inject(Fault.RATE_LIMITED);

        CallOutcome outcome = call(policies(FAST.withMaxRetryWait(Duration.ofMillis(50))), "openai", "gpt-4.1", Map.of());

        assertThat(outcome).isInstanceOfSatisfying(CallOutcome.Unfinished.class, u -> assertThat(u.reason()).contains("asked to wait"));
        assertThat(mock.stats().requests()).isEqualTo(1);
    }

    @Test
    void neverRetriesABadRequest() {
        mock.inject(Fault.BAD_REQUEST);

        CallOutcome outcome = call(policies(FAST), "anthropic", "m", Map.of());

        assertThat(outcome).isInstanceOfSatisfying(CallOutcome.Refused.class, r -> assertThat(r.failure().kind()).isEqualTo(Kind.REQUEST));
        assertThat(mock.stats().requests()).isEqualTo(1);
    }

    @Test
    void pausesOnlyTheModelWhoseQuotaIsExhausted() {
        CallPolicies policies = policies(FAST);
        mock.inject(Fault.QUOTA_EXHAUSTED);

        assertThat(call(policies, "openai", "gpt-4.1", Map.of())).isInstanceOf(CallOutcome.Paused.class);
        CallOutcome again = call(policies, "openai", "gpt-4.1", Map.of());

        assertThat(again).isInstanceOfSatisfying(CallOutcome.Paused.class,
                p -> assertThat(p.reason()).contains("quota or spend cap exhausted").contains("other models go on"));
        assertThat(mock.stats().requests()).as("a paused model sends nothing").isEqualTo(1);
        assertThat(policies.paused()).containsOnlyKeys("openai:default:gpt-4.1");
        assertThat(call(policies, "openai", "gpt-4.1-mini", Map.of())).isInstanceOf(CallOutcome.Answered.class);
    }

    @Test
    void opensTheModelsCircuitAfterRepeatedFailuresAndStopsCalling() {
        CallPolicies policies = policies(FAST.withCircuit(50, 4, Duration.ofMinutes(10)));
        for (int i = 0; i < 8; i++) {
            mock.inject(Fault.OVERLOADED);
        }

        CallOutcome outcome = call(policies, "anthropic", "m", Map.of());
        long sent = mock.stats().requests();
        CallOutcome next = call(policies, "anthropic", "m", Map.of());

        assertThat(outcome).isInstanceOf(CallOutcome.Unfinished.class);
        assertThat(next).isInstanceOfSatisfying(CallOutcome.Unfinished.class, u -> assertThat(u.reason()).contains("circuit anthropic:default:m is open"));
        assertThat(policies.circuitState(new ModelSpec("anthropic", "m", Map.of()))).isEqualTo("OPEN");
        assertThat(mock.stats().requests()).isEqualTo(sent);
    }

    @Test
    void cutsOffACallThatOutlivesItsTimeLimit() {
        ModelProvider hanging = request -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new AssertionError("the time limiter should have interrupted this call");
        };
        CallPolicies policies = policies(FAST.withCallTimeout(Duration.ofMillis(100)));
        ModelSpec model = new ModelSpec("simulated", "slow", Map.of("max_attempts", 1.0));
        long started = System.nanoTime();

        CallOutcome outcome = policies.forModel(model).call(hanging, new ModelRequest(model, "s", "u", CONDITION, "k"));

        assertThat(outcome).isInstanceOfSatisfying(CallOutcome.Unfinished.class, u -> assertThat(u.reason()).contains("time limit"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void pacesEachWorkerToItsShareOfTheAccountLimit() {
        CallPolicies policies = new CallPolicies(FAST, () -> 2, InstantSource.system());
        // 600 requests/min over 2 workers: 5 per second for this one, a permit every 200 ms
        Map<String, Object> limit = Map.of("requests_per_minute", 600.0);
        long started = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            assertThat(call(policies, "openai", "gpt-4.1", limit)).isInstanceOf(CallOutcome.Answered.class);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofMillis(2500));
    }

    @Test
    void metersEveryHttpAttemptRetryAndRateLimitAndPublishesResilience4jMeters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CallPolicies policies = new CallPolicies(FAST, FleetShare.alone(), InstantSource.system(), new ProviderMetrics(registry), "w1",
                FleetPauses.none());
        mock.inject(Fault.RATE_LIMITED);

        assertThat(call(policies, "openai", "gpt-4.1", Map.of("requests_per_minute", 6000.0))).isInstanceOf(CallOutcome.Answered.class);

        Tags model = Tags.of("provider", "openai", "model", "openai/gpt-4.1");
        assertThat(registry.get("crucible.provider.call.duration").tags(model).tag("outcome", "rate_limited").timer().count()).isEqualTo(1);
        assertThat(registry.get("crucible.provider.call.duration").tags(model).tag("outcome", "ok").timer().count()).isEqualTo(1);
        assertThat(registry.get("crucible.provider.retries").tags(model).counter().count()).isEqualTo(1);
        assertThat(registry.get("crucible.provider.rate.limited").tags(model).counter().count()).isEqualTo(1);
        assertThat(registry.get("resilience4j.circuitbreaker.state").tags("name", "openai:default:gpt-4.1", "state", "closed", "worker", "w1")
                .gauge().value()).isEqualTo(1);
        assertThat(registry.get("resilience4j.ratelimiter.waiting_threads").tags("name", "openai:default:gpt-4.1:requests", "worker", "w1")
                .gauge().value()).isZero();
        assertThat(registry.get("resilience4j.retry.calls").tags("name", "openai:default:gpt-4.1", "kind", "successful_with_retry")
                .functionCounter().count()).isEqualTo(1);
        assertThat(registry.find("resilience4j.bulkhead.available.concurrent.calls").tags("name", "openai:default:gpt-4.1").gauge()).isNotNull();
    }

    @Test
    void aModelWithNewSettingsReplacesItsResilience4jMeters() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CallPolicies policies = new CallPolicies(FAST, FleetShare.alone(), InstantSource.system(), new ProviderMetrics(registry), "w1",
                FleetPauses.none());

        call(policies, "openai", "gpt-4.1", Map.of("max_concurrent_calls", 2));
        call(policies, "openai", "gpt-4.1", Map.of("max_concurrent_calls", 3));

        assertThat(registry.get("resilience4j.bulkhead.max.allowed.concurrent.calls").tags("name", "openai:default:gpt-4.1").gauges())
                .singleElement().satisfies(g -> assertThat(g.value()).isEqualTo(3));
    }

    @Test
    void namesEveryInstanceByProviderAccountAndModel() {
        assertThat(CallPolicies.name(new ModelSpec("anthropic", "claude", Map.of("account", "research")))).isEqualTo("anthropic:research:claude");
        assertThat(policies(FAST).forModel(new ModelSpec("gemini", "g", Map.of())).name()).isEqualTo("gemini:default:g");
    }

    private CallPolicies policies(CallPolicyConfig config) {
        return new CallPolicies(config, FleetShare.alone(), InstantSource.system());
    }

    private CallOutcome call(CallPolicies policies, String provider, String name, Map<String, Object> extra) {
        Map<String, Object> parameters = new HashMap<>(extra);
        parameters.put("base_url", provider.startsWith("openai") ? mock.baseUrl() + "/v1" : mock.baseUrl());
        ModelSpec model = new ModelSpec(provider, name, parameters);
        return policies.forModel(model).call(providers.find(provider).orElseThrow(), new ModelRequest(model, "s", "u", CONDITION, "k"));
    }
}
