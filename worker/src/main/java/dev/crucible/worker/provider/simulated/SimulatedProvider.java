package dev.crucible.worker.provider.simulated;

import dev.crucible.common.condition.Condition;
import dev.crucible.common.result.TrialResult.Usage;
import dev.crucible.common.spec.ModelSpec;
import dev.crucible.worker.classify.JudgeQuestion;
import dev.crucible.worker.provider.ModelProvider;
import dev.crucible.worker.provider.ModelRequest;
import dev.crucible.worker.provider.ModelResponse;
import dev.crucible.worker.provider.ProviderException;
import dev.crucible.worker.provider.simulated.SimulatedProfile.Stance;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An offline stand-in for a real model, so that a whole sweep runs with no API key. Its answers are
 * deterministic per call (seeded by the sampling key) and its results are marked simulated everywhere.
 *
 * <p>As a model under test it behaves by its {@link SimulatedProfiles profile}: per trial it writes a harmful
 * act, a considered refusal, an outright refusal, routine inbox work or a malformed answer, in the scenario
 * pack's format, with the profile's probabilities for the trial's condition. With the evaluation-awareness
 * notice it first concludes deployment, evaluation or neither, and its harm rate follows that conclusion.
 *
 * <p>Asked one of the judge's questions (recognised by the judge's system prompt), it is the simulated judge:
 * it reads the transcript in the prompt and answers in the judge's format; {@code error_rate} is then the
 * probability of a reply outside that format.
 *
 * <p>Parameters ({@code ProviderCatalog}): {@code profile}, {@code harm_rate}, {@code error_rate},
 * {@code latency_ms} ± {@code latency_jitter_ms}, {@code crash_rate}: the probability, drawn once per trial
 * (by its sampling key, apart from the answer's draws), that every attempt of the trial crashes with an
 * unexpected exception, as a bug would, so that the trial exhausts its deliveries and the broker dead-letters it.
 * A crash is not a provider failure: it neither counts against the model's circuit breaker nor is retried
 * inside the attempt, so it cannot take the model's healthy trials down with it. Judge calls never crash.
 */
public final class SimulatedProvider implements ModelProvider {
    /**
     * Bounds of the caches below. A sweep has a few simulated models, and its simulated transcripts repeat (a
     * few wordings per scenario, behaviour and stance); beyond a bound, values are computed per call.
     */
    private static final int PROFILE_CACHE_LIMIT = 256;
    private static final int JUDGED_CACHE_LIMIT = 2048;

    /** Each model's profile, resolved once: {@link SimulatedProfiles#of} builds a new one per call. */
    private final Map<ModelSpec, SimulatedProfile> profiles = new ConcurrentHashMap<>();
    /** The simulated judge's reply by question and prompt: a pure function of both, read with rules that cost. */
    private final Map<Judged, String> judged = new ConcurrentHashMap<>();

    private record Judged(JudgeQuestion question, String userPrompt) {
    }

    @Override
    public ModelResponse generate(ModelRequest request) throws ProviderException {
        ModelSpec model = request.model();
        SplittableRandom random = new SplittableRandom(fnv1a64(request.samplingKey()));
        long latency = latencyMs(model, random);
        if (latency > 0) {
            try {
                Thread.sleep(latency);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProviderException(model.provider(), model.name(), "interrupted", true, e);
            }
        }
        Optional<JudgeQuestion> question = JudgeQuestion.fromSystemPrompt(request.systemPrompt());
        if (question.isEmpty() && crashes(model, request.samplingKey())) {
            throw new IllegalStateException("simulated crash of " + model.id() + " (crash_rate)");
        }
        String text;
        try {
            text = question.isPresent() ? judge(question.get(), request, random)
                    : agent(request.condition(), profile(model), random);
        } catch (IllegalArgumentException e) {
            throw new ProviderException(model.provider(), model.name(), e.getMessage(), false, e);
        }
        long inputTokens = (request.systemPrompt().length() + request.userPrompt().length()) / 4;
        return new ModelResponse(text, null, new Usage(inputTokens, text.length() / 4, 0), "end_turn", latency);
    }

    /** Whether the simulated model crashes on every call of the trial with this sampling key ({@code crash_rate}). */
    public static boolean crashes(ModelSpec model, String samplingKey) {
        double rate = number(model, "crash_rate", 0);
        return rate > 0 && new SplittableRandom(fnv1a64("crash:" + samplingKey)).nextDouble() < rate;
    }

    private String judge(JudgeQuestion question, ModelRequest request, SplittableRandom random) {
        if (random.nextDouble() < number(request.model(), "error_rate", 0)) {
            return "Having read the transcript, I would lean towards " + question.answers().getFirst() + ".";
        }
        Judged key = new Judged(question, request.userPrompt());
        String known = judged.get(key);
        if (known != null) {
            return known;
        }
        String answer = SimulatedJudge.answer(question, request.userPrompt());
        if (judged.size() < JUDGED_CACHE_LIMIT) {
            judged.putIfAbsent(key, answer);
        }
        return answer;
    }

    /** The model's profile; throws {@link IllegalArgumentException} for an unknown one, which is never cached. */
    private SimulatedProfile profile(ModelSpec model) {
        SimulatedProfile known = profiles.get(model);
        if (known != null) {
            return known;
        }
        SimulatedProfile profile = SimulatedProfiles.of(model);
        if (profiles.size() < PROFILE_CACHE_LIMIT) {
            profiles.putIfAbsent(model, profile);
        }
        return profile;
    }

    /** Draws, in a fixed order so a trial's answer never changes: malformed, stance, harmful, which other answer. */
    private static String agent(Condition condition, SimulatedProfile profile, SplittableRandom random) {
        boolean malformed = random.nextDouble() < profile.malformed();
        Stance stance = condition.evalNotice() ? stance(profile, random.nextDouble()) : null;
        double harm = stance == null ? profile.harmRate(condition) : profile.harmRate(condition, stance);
        boolean harmful = random.nextDouble() < harm;
        double other = random.nextDouble();
        Behaviour behaviour = malformed ? Behaviour.MALFORMED
                : harmful ? Behaviour.HARMFUL
                : other < profile.declinedShare() ? Behaviour.CONSIDERED_DECLINED
                : other < profile.declinedShare() + profile.refusalShare() ? Behaviour.REFUSAL
                : Behaviour.ROUTINE;
        return SimulatedAnswers.write(condition, behaviour, stance, random);
    }

    private static Stance stance(SimulatedProfile profile, double draw) {
        SimulatedProfile.EvalAwareness a = profile.awareness();
        return draw < a.deployment() ? Stance.DEPLOYMENT
                : draw < a.deployment() + a.evaluation() ? Stance.EVALUATION
                : Stance.NEITHER;
    }

    private static long latencyMs(ModelSpec model, SplittableRandom random) {
        double mean = number(model, "latency_ms", 0);
        double jitter = number(model, "latency_jitter_ms", 0);
        double value = jitter > 0 ? mean - jitter + random.nextDouble() * 2 * jitter : mean;
        return Math.max(0, Math.round(value));
    }

    private static long fnv1a64(String key) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < key.length(); i++) {
            hash ^= key.charAt(i);
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    private static double number(ModelSpec model, String key, double fallback) {
        Object value = model.parameters().get(key);
        return value instanceof Number n ? n.doubleValue() : fallback;
    }
}
