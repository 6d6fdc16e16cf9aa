package dev.crucible.common.spec;

import dev.crucible.common.spec.YamlNode.Entry;
import dev.crucible.common.spec.YamlNode.Mapping;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Binds the optional {@code prices} and {@code budget} sections; see {@link SpecLoader} for the format. Prices are
 * checked against the bound models, so they are bound after them.
 */
final class CostBinder {

    static final List<String> PRICE_KEYS = List.of("input", "output", "reasoning");
    static final List<String> BUDGET_KEYS = List.of("max_usd", "max_tokens");

    private final Fields fields;

    CostBinder(Fields fields) {
        this.fields = fields;
    }

    /**
     * @param models the bound models, or empty if they had problems (then model names are not checked: a price
     *               for a model with a problem would only repeat it)
     */
    Optional<Map<String, Price>> prices(Mapping root, Optional<List<ModelSpec>> models) {
        Optional<YamlNode> node = root.get("prices");
        if (node.isEmpty()) {
            return Optional.of(Map.of());
        }
        Optional<Mapping> found = fields.mapping(node.get(), "prices",
                "a mapping of model IDs (provider/name) to prices in USD per million tokens");
        if (found.isEmpty()) {
            return Optional.empty();
        }
        int before = fields.problems().count();
        Map<String, ModelSpec> byId = new LinkedHashMap<>();
        models.ifPresent(list -> list.forEach(m -> byId.put(m.id(), m)));
        Map<String, Price> prices = new TreeMap<>();
        for (Entry entry : found.get().entries()) {
            String path = "prices." + entry.key();
            ModelSpec model = byId.get(entry.key());
            if (models.isPresent() && model == null) {
                fields.unknown(entry.keyMark(), "prices", "model", entry.key(), byId.keySet());
                continue;
            }
            if (model != null && model.simulated()) {
                fields.problems().add(entry.keyMark(), path + ": the simulated model costs nothing (its tokens are made up); "
                        + "price real models only");
                continue;
            }
            price(entry.value(), path).ifPresent(p -> prices.put(entry.key(), p));
        }
        return fields.problems().count() == before ? Optional.of(prices) : Optional.empty();
    }

    private Optional<Price> price(YamlNode node, String path) {
        Optional<Mapping> found = fields.mapping(node, path, "a mapping with input and output (USD per million tokens) "
                + "and optionally reasoning");
        if (found.isEmpty()) {
            return Optional.empty();
        }
        int before = fields.problems().count();
        fields.onlyKeys(found.get(), path, PRICE_KEYS);
        Optional<Double> input = fields.required(found.get(), path, "input").flatMap(n -> usd(n, path + ".input"));
        Optional<Double> output = fields.required(found.get(), path, "output").flatMap(n -> usd(n, path + ".output"));
        Optional<Double> reasoning = found.get().get("reasoning").flatMap(n -> usd(n, path + ".reasoning"));
        if (fields.problems().count() != before || input.isEmpty() || output.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Price(input.get(), output.get(), reasoning.orElse(null)));
    }

    private Optional<Double> usd(YamlNode node, String path) {
        Optional<Double> value = fields.number(node, path, "a price in USD per million tokens (a number >= 0)");
        if (value.isPresent() && value.get() < 0) {
            fields.problems().add(node.mark(), path + ": must be at least 0, got " + node.describe());
            return Optional.empty();
        }
        return value;
    }

    /**
     * @param prices the bound prices, or empty if they had problems (then a missing price is not reported again)
     * @return the budget, null inside when the spec has none
     */
    Optional<Optional<Budget>> budget(Mapping root, Optional<List<ModelSpec>> models, Optional<Map<String, Price>> prices) {
        Optional<YamlNode> node = root.get("budget");
        if (node.isEmpty()) {
            return Optional.of(Optional.empty());
        }
        Optional<Mapping> found = fields.mapping(node.get(), "budget", "a mapping with max_usd and/or max_tokens");
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Mapping budget = found.get();
        int before = fields.problems().count();
        fields.onlyKeys(budget, "budget", BUDGET_KEYS);
        Optional<YamlNode> usdNode = budget.get("max_usd");
        Optional<Double> maxUsd = usdNode.flatMap(n -> positiveUsd(n));
        Optional<Long> maxTokens = budget.get("max_tokens").flatMap(n -> fields.integer(n, "budget.max_tokens", 1, Long.MAX_VALUE));
        if (usdNode.isEmpty() && budget.get("max_tokens").isEmpty()) {
            fields.problems().add(budget.mark(), "budget: give max_usd, max_tokens or both");
        }
        if (usdNode.isPresent() && models.isPresent() && prices.isPresent()) {
            usdNeedsPrices(usdNode.get(), models.get(), prices.get());
        }
        if (fields.problems().count() != before) {
            return Optional.empty();
        }
        return Optional.of(Optional.of(new Budget(maxUsd.orElse(null), maxTokens.orElse(null))));
    }

    private Optional<Double> positiveUsd(YamlNode node) {
        Optional<Double> value = fields.number(node, "budget.max_usd", "an amount in USD (a number > 0)");
        if (value.isPresent() && value.get() <= 0) {
            fields.problems().add(node.mark(), "budget.max_usd: must be more than 0, got " + node.describe());
            return Optional.empty();
        }
        return value;
    }

    /** A budget in USD is only as good as the prices behind it: an unpriced model would spend without counting. */
    private void usdNeedsPrices(YamlNode usd, List<ModelSpec> models, Map<String, Price> prices) {
        List<String> real = models.stream().filter(m -> !m.simulated()).map(ModelSpec::id).toList();
        if (real.isEmpty()) {
            fields.problems().add(usd.mark(), "budget.max_usd: every model is simulated and costs nothing, so a budget in USD "
                    + "would never be reached; use budget.max_tokens (the simulated model's tokens are counted)");
            return;
        }
        List<String> missing = real.stream().filter(id -> !prices.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            fields.problems().add(usd.mark(), "budget.max_usd: needs a price for every model, and " + String.join(", ", missing)
                    + (missing.size() == 1 ? " has" : " have") + " none; add " + (missing.size() == 1 ? "it" : "them")
                    + " under prices: (USD per million tokens: {input: ..., output: ...})");
        }
    }
}
