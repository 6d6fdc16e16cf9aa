package dev.crucible.common.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An accepted sweep spec: what a user wrote, bound and validated by {@link SpecLoader}. Immutable.
 *
 * @param name      sweep name, lowercase letters, digits and dashes; the sweep ID is derived from it and the spec hash
 * @param seed      seeds every sampled decision that Crucible itself makes (the simulated model, sampling order)
 * @param space     the condition dimensions
 * @param models    the models under test, unique by {@link ModelSpec#id()}
 * @param samples     samples per condition and model
 * @param classifiers how responses are classified (the judge model)
 * @param limits      guard rails
 * @param prices      USD per million tokens by model ID ({@code provider/name}); real models only. Left out of the
 *                    spec's JSON when empty, so specs without prices keep the sweep IDs they always had
 * @param budget      the spending limit, or null for none (also left out when null)
 */
public record SweepSpec(String name, long seed, ConditionSpace space, List<ModelSpec> models, int samples,
        Classifiers classifiers, Limits limits,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Price> prices,
        @JsonInclude(JsonInclude.Include.NON_NULL) Budget budget) {

    public SweepSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(space, "space");
        models = List.copyOf(models);
        Objects.requireNonNull(classifiers, "classifiers");
        Objects.requireNonNull(limits, "limits");
        prices = prices == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(prices));
        budget = budget == null || !budget.limited() ? null : budget;
    }

    /** A spec without prices or budget. */
    public SweepSpec(String name, long seed, ConditionSpace space, List<ModelSpec> models, int samples,
            Classifiers classifiers, Limits limits) {
        this(name, seed, space, models, samples, classifiers, limits, Map.of(), null);
    }

    /** The model's price, if the spec gives one. */
    public Optional<Price> price(ModelSpec model) {
        return Optional.ofNullable(prices.get(model.id()));
    }

    /** The spec's budget; {@link Budget#NONE} when it has none. */
    @JsonIgnore
    public Budget budgetOrNone() {
        return budget == null ? Budget.NONE : budget;
    }

    /**
     * A spec with the default classifiers ({@link Classifiers#defaultFor}); throws {@link IllegalArgumentException}
     * when a model is real, since a real sweep has no default judge.
     */
    public SweepSpec(String name, long seed, ConditionSpace space, List<ModelSpec> models, int samples, Limits limits) {
        this(name, seed, space, models, samples, Classifiers.defaultFor(models).orElseThrow(() ->
                new IllegalArgumentException("a sweep with real models needs its judge named")), limits);
    }

    /** conditions × models × samples, computed without expanding anything. */
    public long trialCount() {
        return space.size() * models.size() * samples;
    }

    /** Guard rails of a sweep. {@code maxTrials} rejects a spec whose grid is larger, before anything is published. */
    public record Limits(long maxTrials) {
        public static final long DEFAULT_MAX_TRIALS = 2_000_000L;

        public static Limits defaults() {
            return new Limits(DEFAULT_MAX_TRIALS);
        }
    }
}
