package dev.crucible.worker.policy;

import dev.crucible.worker.observe.ProviderMetrics;
import dev.crucible.worker.provider.ModelProvider;
import dev.crucible.worker.provider.ModelRequest;
import dev.crucible.worker.provider.ModelResponse;
import dev.crucible.worker.provider.ProviderException;
import dev.crucible.worker.provider.ProviderException.Kind;
import dev.crucible.worker.provider.Quota;
import dev.crucible.worker.provider.http.ModelParameters;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model's call policy: the decorator chain {@link CallPolicies} documents, the quota hold that
 * rate-limit answers and remaining-quota headers set, and the pause that an exhausted quota sets.
 */
final class ResilientCallPolicy implements CallPolicy {
    private static final Logger log = LoggerFactory.getLogger(ResilientCallPolicy.class);

    private final String name;
    private final CallPolicyConfig config;
    private final Retry retry;
    private final CircuitBreaker circuit;
    private final Bulkhead bulkhead;
    private final Pacer requests;
    private final Pacer tokens;
    private final TimeLimiter timeLimiter;
    private final CallDeadlines deadlines;
    private final InstantSource clock;
    private final AtomicInteger inCall;
    private final FleetPauses fleetPauses;
    private final ProviderMetrics meters;
    // no new call starts before this instant (epoch ms): a rate-limit answer's wait, or an exhausted window's reset
    private final AtomicLong holdUntil = new AtomicLong();
    private final AtomicLong pausedUntil = new AtomicLong();
    private volatile String pauseReason = "";

    ResilientCallPolicy(String name, CallPolicyConfig config, Chain chain, CallDeadlines deadlines, InstantSource clock, AtomicInteger inCall,
            ProviderMetrics meters, FleetPauses fleetPauses) {
        this.meters = meters;
        this.name = name;
        this.config = config;
        this.retry = chain.retry();
        this.circuit = chain.circuit();
        this.bulkhead = chain.bulkhead();
        this.requests = chain.requests();
        this.tokens = chain.tokens();
        this.timeLimiter = chain.timeLimiter();
        this.deadlines = deadlines;
        this.clock = clock;
        this.inCall = inCall;
        this.fleetPauses = fleetPauses;
    }

    /** The Resilience4j instances of one model, built by {@link CallPolicies}. */
    record Chain(Retry retry, CircuitBreaker circuit, Bulkhead bulkhead, Pacer requests, Pacer tokens, TimeLimiter timeLimiter) {
    }

    @Override
    public String name() {
        return name;
    }

    CallPolicyConfig config() {
        return config;
    }

    CircuitBreaker circuit() {
        return circuit;
    }

    /** Why the model is paused, or empty when it is not. */
    String pause() {
        return clock.millis() < pausedUntil.get() ? pauseReason : "";
    }

    @Override
    public CallOutcome call(ModelProvider provider, ModelRequest request) {
        long paused = pausedUntil.get();
        if (clock.millis() < paused) {
            return new CallOutcome.Paused(pauseReason, paused);
        }
        // another worker found the quota gone: calling would only be refused again
        var fleetPause = fleetPauses.find(name);
        if (fleetPause.isPresent()) {
            return new CallOutcome.Paused(fleetPause.get().reason(), fleetPause.get().untilMs());
        }
        AtomicInteger attempts = new AtomicInteger();
        CheckedSupplier<ModelResponse> attempt = () -> {
            if (attempts.incrementAndGet() > 1) {
                meters.retry(request.model());
            }
            return attempt(provider, request);
        };
        // the fixed order, outermost first: Retry, CircuitBreaker, Bulkhead, then (inside attempt) the rate
        // limiters and the TimeLimiter; see CallPolicies for why
        CheckedSupplier<ModelResponse> chain = Retry.decorateCheckedSupplier(retry,
                CircuitBreaker.decorateCheckedSupplier(circuit, Bulkhead.decorateCheckedSupplier(bulkhead, attempt)));
        try {
            ModelResponse response = chain.get();
            observe(response.quota());
            return new CallOutcome.Answered(response, attempts.get());
        } catch (ProviderException e) {
            return switch (e.kind()) {
                case QUOTA_EXHAUSTED -> pauseFor(e, request.model().id());
                case REQUEST -> new CallOutcome.Refused(e);
                case TRANSIENT, RATE_LIMITED -> new CallOutcome.Unfinished(unfinished(e, attempts.get()));
            };
        } catch (CallNotPermittedException e) {
            return new CallOutcome.Unfinished("circuit " + name + " is open after repeated failures; trying again later");
        } catch (BulkheadFullException | RequestNotPermitted e) {
            return new CallOutcome.Unfinished(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new CallOutcome.Unfinished("interrupted");
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            return new CallOutcome.Unfinished(name + ": " + e);
        }
    }

    /** One HTTP attempt, inside the bulkhead: wait out a hold, take the permits, call within the time limit. */
    private ModelResponse attempt(ModelProvider provider, ModelRequest request) throws Exception {
        awaitHold();
        requests.acquire(1);
        tokens.acquire(estimatedTokens(request));
        long began = System.nanoTime();
        try {
            ModelResponse response = timedCall(provider, request);
            meters.call(request.model(), ProviderMetrics.OK, Duration.ofNanos(System.nanoTime() - began));
            return response;
        } catch (ProviderException e) {
            meters.call(request.model(), e.kind().type(), Duration.ofNanos(System.nanoTime() - began));
            if (e.kind() == Kind.RATE_LIMITED || e.status() == 429) {
                meters.rateLimited(request.model());
            }
            throw e;
        } catch (Exception e) {
            meters.call(request.model(), "error", Duration.ofNanos(System.nanoTime() - began));
            throw e;
        }
    }

    /**
     * The call on this thread, within the time limit ({@link CallDeadlines}). A call cut off by the limit ends as a
     * timeout, whatever it threw on being interrupted; the time limiter only counts, for its meters.
     */
    private ModelResponse timedCall(ModelProvider provider, ModelRequest request) throws ProviderException, InterruptedException {
        inCall.incrementAndGet();
        CallDeadlines.Deadline deadline = deadlines.start(config.callTimeout());
        ModelResponse response;
        try {
            response = provider.generate(request);
        } catch (ProviderException | RuntimeException | Error e) {
            if (!deadline.finish()) {
                throw timedOut(request, e);
            }
            timeLimiter.onError(e);
            if (Thread.interrupted()) {
                // the worker is stopping (not the time limit): the attempt ends, it does not retry
                throw new InterruptedException("interrupted during the call: " + e);
            }
            if (e instanceof ProviderException p && p.kind() == Kind.RATE_LIMITED) {
                p.suggestedWait().ifPresent(this::hold);
            }
            throw e;
        } finally {
            inCall.decrementAndGet();
        }
        if (!deadline.finish()) {
            throw timedOut(request, null);
        }
        timeLimiter.onSuccess();
        return response;
    }

    private ProviderException timedOut(ModelRequest request, Throwable thrown) {
        TimeoutException timeout = new TimeoutException("no answer within " + config.callTimeout().toMillis() + " ms");
        if (thrown != null) {
            timeout.addSuppressed(thrown);
        }
        timeLimiter.onError(timeout);
        return new ProviderException(request.model().provider(), request.model().name(), Kind.TRANSIENT, ProviderException.NO_STATUS,
                null, "no answer within the time limit of " + config.callTimeout().toMillis() + " ms", timeout);
    }

    /** Remaining-quota headers: an exhausted window holds new calls until its reset; a lower reported limit paces lower. */
    private void observe(Quota quota) {
        quota.requestsLimit().ifPresent(requests::observeLimit);
        if (quota.requestsRemaining().isPresent() && quota.requestsRemaining().getAsLong() == 0 && quota.requestsReset() != null) {
            hold(quota.requestsReset());
        }
        if (quota.tokensRemaining().isPresent() && quota.tokensRemaining().getAsLong() == 0 && quota.tokensReset() != null) {
            hold(quota.tokensReset());
        }
    }

    private void hold(Duration wait) {
        long until = clock.millis() + Math.min(wait.toMillis(), config.maxRetryWait().toMillis());
        holdUntil.accumulateAndGet(until, Math::max);
    }

    private void awaitHold() throws InterruptedException {
        long wait = holdUntil.get() - clock.millis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    private CallOutcome pauseFor(ProviderException e, String modelId) {
        long until = clock.millis() + config.pauseDuration().toMillis();
        String reason = "model paused: quota or spend cap exhausted (" + e.getMessage() + "); its trials end as errors until "
                + Instant.ofEpochMilli(until) + ", other models go on";
        long before = pausedUntil.getAndAccumulate(until, Math::max);
        pauseReason = reason;
        if (before <= clock.millis()) {
            log.warn("{}: {}", name, reason);
            fleetPauses.announce(name, modelId, reason, until);
        }
        return new CallOutcome.Paused(reason, until);
    }

    private static String unfinished(ProviderException e, int attempts) {
        return "gave up after " + attempts + (attempts == 1 ? " attempt" : " attempts") + ": " + e.getMessage()
                + e.suggestedWait().map(w -> " (asked to wait " + w.toMillis() + " ms)").orElse("");
    }

    private static int estimatedTokens(ModelRequest request) {
        // what OpenAI counts against a token limit when the request arrives: the prompt and the most it may write
        long input = (request.systemPrompt().length() + request.userPrompt().length()) / 4;
        return (int) Math.min(Integer.MAX_VALUE, input + ModelParameters.maxTokens(request.model()));
    }
}
