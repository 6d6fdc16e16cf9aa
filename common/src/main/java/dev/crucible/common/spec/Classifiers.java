package dev.crucible.common.spec;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How a sweep's responses are classified: which model judges them. The judge is asked at temperature 0
 * whatever its parameters say, so the same response always gets the same judgement.
 *
 * <p>Default ({@link #defaultFor}): the simulated judge when every model under test is simulated. A sweep with
 * any real model must name its judge: a silent simulated judge would make real responses look classified.
 *
 * @param judge the model that answers the classifiers' questions
 */
public record Classifiers(ModelSpec judge) {
    /** The simulated judge: reads the response text and answers in the judge's format, offline. */
    public static final ModelSpec SIMULATED_JUDGE = new ModelSpec(ProviderCatalog.SIMULATED, "judge", Map.of());

    public Classifiers {
        Objects.requireNonNull(judge, "judge");
    }

    /** The simulated judge if every model is simulated; otherwise there is no default. */
    public static java.util.Optional<Classifiers> defaultFor(List<ModelSpec> models) {
        return models.stream().allMatch(ModelSpec::simulated)
                ? java.util.Optional.of(new Classifiers(SIMULATED_JUDGE))
                : java.util.Optional.empty();
    }
}
