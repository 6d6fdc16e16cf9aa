package dev.crucible.worker.classify;

import dev.crucible.common.condition.Condition;
import dev.crucible.common.spec.Classifiers;
import dev.crucible.common.spec.ModelSpec;
import dev.crucible.common.trial.Trial;
import dev.crucible.worker.provider.ModelProvider;
import dev.crucible.worker.provider.ModelRequest;
import dev.crucible.worker.provider.ModelResponse;
import dev.crucible.worker.provider.ProviderRegistry;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Not a test: a harness that times one trial's model-and-classification path on the simulated provider, single
 * threaded, in CPU µs per trial — the part of "worker: trial attempts" that {@code crucible bench} cannot
 * separate from Kafka. Run with the worker's test classpath:
 * {@code java -cp ... dev.crucible.worker.classify.ClassifyBench [trials]}.
 */
public final class ClassifyBench {
    private ClassifyBench() {
    }

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        List<Condition> conditions = new ArrayList<>();
        for (String scenario : List.of("blackmail", "leaking", "murder")) {
            for (String goal : List.of("explicit-america", "none-none")) {
                for (String urgency : List.of("replacement", "none")) {
                    for (String deployment : List.of("dev", "prod")) {
                        for (String notice : List.of("off", "on")) {
                            conditions.add(Condition.parse(String.join("_", scenario, goal, urgency, deployment,
                                    "instr-none", "notice-" + notice)));
                        }
                    }
                }
            }
        }
        List<ModelSpec> models = List.of(0.2, 0.4, 0.6, 0.8).stream()
                .map(rate -> new ModelSpec("simulated", "sim-bench-" + rate, Map.of("harm_rate", rate, "latency_ms", 0)))
                .toList();
        ProviderRegistry providers = ProviderRegistry.standard();
        ModelProvider simulated = providers.find("simulated").orElseThrow();
        Classification classification = Classification.using(providers);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int round = 0; round < 5; round++) {
            long generateNs = 0;
            long classifyNs = 0;
            for (int i = 0; i < trials; i++) {
                Condition condition = conditions.get(i % conditions.size());
                ModelSpec model = models.get((i / conditions.size()) % models.size());
                String key = "bench/" + round + "/" + i;
                Trial trial = new Trial("bench", key, i, condition, model, i, i, Classifiers.SIMULATED_JUDGE);
                long t0 = threads.getCurrentThreadCpuTime();
                ModelResponse response = simulated.generate(new ModelRequest(model, "system", "user", condition, key));
                long t1 = threads.getCurrentThreadCpuTime();
                sink += classification.classify(trial, response).size();
                long t2 = threads.getCurrentThreadCpuTime();
                generateNs += t1 - t0;
                classifyNs += t2 - t1;
            }
            System.out.printf("round %d: generate %.2f µs/trial, classify %.2f µs/trial, total %.2f µs/trial%n", round,
                    generateNs / 1e3 / trials, classifyNs / 1e3 / trials, (generateNs + classifyNs) / 1e3 / trials);
        }
        System.out.println("(" + sink + " verdicts)");
    }
}
