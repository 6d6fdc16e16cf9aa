package dev.crucible.common.spec;

import dev.crucible.common.spec.YamlNode.Entry;
import dev.crucible.common.spec.YamlNode.Kind;
import dev.crucible.common.spec.YamlNode.Mapping;
import dev.crucible.common.spec.YamlNode.Mark;
import dev.crucible.common.spec.YamlNode.Scalar;
import dev.crucible.common.spec.YamlNode.Sequence;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Binds the {@code models} list; see {@link SpecLoader} for the format. */
final class ModelsBinder {

    static final List<String> KEYS = List.of("provider", "name", "parameters");

    /** Parameter names that would hold a key itself rather than say where it is. */
    private static final Pattern SECRET_NAMES = Pattern.compile("(?i)(api_?key|key|token|secret|password|authorization)");

    private final Fields fields;

    ModelsBinder(Fields fields) {
        this.fields = fields;
    }

    Optional<List<ModelSpec>> bind(YamlNode node) {
        if (node instanceof Scalar s && s.kind() == Kind.NULL
                || node instanceof Sequence sequence && sequence.items().isEmpty()) {
            fields.problems().add(node.mark(), "models: is empty; list at least one model (provider and name)");
            return Optional.empty();
        }
        if (!(node instanceof Sequence sequence)) {
            if (!(node instanceof Scalar s && s.kind() == Kind.ALIAS)) {
                fields.problems().add(node.mark(), "models: expected a list of models, each a mapping with provider "
                        + "and name, got " + Fields.describe(node));
            }
            return Optional.empty();
        }
        List<ModelSpec> models = new ArrayList<>();
        Map<String, Mark> seen = new HashMap<>();
        boolean complete = true;
        for (int i = 0; i < sequence.items().size(); i++) {
            YamlNode item = sequence.items().get(i);
            String path = "models[" + i + "]";
            Optional<ModelSpec> model = model(item, path);
            if (model.isEmpty()) {
                complete = false;
                continue;
            }
            Mark first = seen.putIfAbsent(model.get().id(), item.mark());
            if (first != null) {
                fields.problems().add(item.mark(), path + ": duplicate model " + model.get().id() + " (first at "
                        + first.describe() + ")");
                complete = false;
            }
            models.add(model.get());
        }
        return complete ? Optional.of(models) : Optional.empty();
    }

    /** One model mapping (provider, name, parameters); also the judge's, under {@code classifiers.judge}. */
    Optional<ModelSpec> model(YamlNode item, String path) {
        Optional<Mapping> found = fields.mapping(item, path, "a mapping with provider and name");
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Mapping model = found.get();
        int before = fields.problems().count();
        fields.onlyKeys(model, path, KEYS);
        Optional<String> provider = fields.required(model, path, "provider")
                .flatMap(n -> provider(n, path + ".provider"));
        Optional<String> name = fields.required(model, path, "name")
                .flatMap(n -> fields.text(n, path + ".name", "a model name"));
        if (name.isPresent() && name.get().isBlank()) {
            fields.problems().add(model.get("name").orElseThrow().mark(), path + ".name: must not be blank");
        }
        Map<String, Object> parameters = model.get("parameters")
                .map(n -> parameters(n, path + ".parameters", provider))
                .orElse(Map.of());
        provider.ifPresent(p -> httpRequirements(model, path, p, parameters));
        if (fields.problems().count() != before || provider.isEmpty() || name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ModelSpec(provider.get(), name.get(), parameters));
    }

    private Optional<String> provider(YamlNode node, String path) {
        Optional<String> provider = fields.text(node, path, "a provider name");
        if (provider.isPresent() && !ProviderCatalog.knows(provider.get())) {
            fields.unknown(node.mark(), path, "provider", provider.get(), new TreeSet<>(ProviderCatalog.providers()));
            return Optional.empty();
        }
        return provider;
    }

    /** Parameter names are checked only against a known provider; an unknown one was reported already. */
    private Map<String, Object> parameters(YamlNode node, String path, Optional<String> provider) {
        Map<String, Object> bound = new TreeMap<>();
        Optional<Mapping> found = fields.mapping(node, path, "a mapping of parameter names to values");
        if (found.isEmpty()) {
            return bound;
        }
        for (Entry entry : found.get().entries()) {
            String at = path + "." + entry.key();
            if (provider.isPresent() && ProviderCatalog.overHttp(provider.get()) && SECRET_NAMES.matcher(entry.key()).matches()) {
                fields.problems().add(entry.keyMark(), at + ": a spec must never hold an API key (trials carry parameters to "
                        + "every worker over Kafka); put it in an environment variable or a file on the workers and name that with "
                        + ProviderCatalog.API_KEY_ENV + " or " + ProviderCatalog.API_KEY_FILE);
                continue;
            }
            if (provider.isPresent() && !ProviderCatalog.parameters(provider.get()).contains(entry.key())) {
                fields.unknown(entry.keyMark(), path, provider.get() + " parameter", entry.key(),
                        new TreeSet<>(ProviderCatalog.parameters(provider.get())));
                continue;
            }
            ParameterRules.bind(provider.orElse(""), entry.key(), entry.value(), at, fields)
                    .ifPresent(value -> bound.put(entry.key(), value));
        }
        return bound;
    }

    /** Rules across parameters: a compatible endpoint has no default URL, and a key is found in one place only. */
    private void httpRequirements(Mapping model, String path, String provider, Map<String, Object> parameters) {
        if (ProviderCatalog.OPENAI_COMPATIBLE.equals(provider) && !parameters.containsKey(ProviderCatalog.BASE_URL)) {
            fields.problems().add(model.mark(), path + ": provider " + provider + " needs parameters." + ProviderCatalog.BASE_URL
                    + " (the server's Chat Completions base, such as https://api.x.ai/v1 or http://localhost:11434/v1)");
        }
        if (parameters.containsKey(ProviderCatalog.API_KEY_ENV) && parameters.containsKey(ProviderCatalog.API_KEY_FILE)) {
            fields.problems().add(model.get("parameters").orElseThrow().mark(), path + ".parameters: name the key's place once: "
                    + ProviderCatalog.API_KEY_ENV + " or " + ProviderCatalog.API_KEY_FILE + ", not both");
        }
    }
}
