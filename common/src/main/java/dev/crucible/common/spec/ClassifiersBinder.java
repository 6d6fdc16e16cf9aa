package dev.crucible.common.spec;

import dev.crucible.common.spec.YamlNode.Mapping;
import java.util.List;
import java.util.Optional;

/** Binds the optional {@code classifiers} mapping; see {@link SpecLoader} for the format. */
final class ClassifiersBinder {

    static final List<String> KEYS = List.of("judge");

    private final Fields fields;

    ClassifiersBinder(Fields fields) {
        this.fields = fields;
    }

    /**
     * @param root   the spec's root mapping, where a missing section is reported
     * @param models the bound models, or empty if they had problems (then a missing judge is not reported:
     *               whether one is needed is not known)
     */
    Optional<Classifiers> bind(Mapping root, Optional<List<ModelSpec>> models) {
        Optional<YamlNode> node = root.get("classifiers");
        if (node.isEmpty()) {
            if (models.isEmpty()) {
                return Optional.empty();
            }
            Optional<Classifiers> fallback = Classifiers.defaultFor(models.get());
            if (fallback.isEmpty()) {
                fields.problems().add(root.mark(), "missing required key 'classifiers' (a sweep with real models must "
                        + "name its judge, e.g. classifiers: {judge: {provider: ..., name: ...}}; only an all-simulated "
                        + "sweep defaults to the simulated judge)");
            }
            return fallback;
        }
        Optional<Mapping> found = fields.mapping(node.get(), "classifiers",
                "a mapping of classifier settings (" + String.join(", ", KEYS) + ")");
        if (found.isEmpty()) {
            return Optional.empty();
        }
        fields.onlyKeys(found.get(), "classifiers", KEYS);
        return fields.required(found.get(), "classifiers", "judge")
                .flatMap(judge -> new ModelsBinder(fields).model(judge, "classifiers.judge"))
                .map(Classifiers::new);
    }
}
