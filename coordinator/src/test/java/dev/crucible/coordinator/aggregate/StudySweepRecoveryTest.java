package dev.crucible.coordinator.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.crucible.common.condition.Condition;
import dev.crucible.common.spec.ModelSpec;
import dev.crucible.common.spec.SpecLoader;
import dev.crucible.common.trial.Sweep;
import dev.crucible.common.trial.TrialPlan;
import dev.crucible.coordinator.report.Summary;
import dev.crucible.worker.classify.Classification;
import dev.crucible.worker.execute.TrialExecutor;
import dev.crucible.worker.provider.ProviderRegistry;
import dev.crucible.worker.provider.simulated.SimulatedProfiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code examples/study-16-models.yaml} (16 simulated models × 12 conditions × 100 samples) through the
 * worker's executor — simulated models, both classifiers, the simulated judge — and the aggregator's tally,
 * writes the report's {@code summary.csv}, and checks that every cell's reported rate recovers the rate its
 * profile was given. No broker: the pipeline's Kafka half has its own end-to-end tests.
 *
 * <p>Why not "every cell's 95% interval contains its rate": a 95% interval misses its true rate 5% of the
 * time by construction, so with 192 cells about ten would miss even with a perfect pipeline. The test asserts
 * what a correct pipeline guarantees instead: (1) every cell's interval at a family-wise 95% level
 * (Bonferroni over all cells) contains its rate, and (2) the number of cells whose reported 95% interval
 * misses is no more than coverage allows (the 99.9% quantile of the binomial count of misses). The seeds are
 * fixed, so the outcome is reproducible; the bounds say how unlikely a failure is for a correct pipeline.
 */
class StudySweepRecoveryTest {
    @TempDir
    Path reports;

    @Test
    void everyCellsReportedRateRecoversItsProfileRate() throws Exception {
        Sweep sweep = Sweep.of(SpecLoader.load(example("study-16-models.yaml")));
        TrialPlan plan = new TrialPlan(sweep);
        assertThat(plan.models()).hasSize(16).allSatisfy(m -> assertThat(m.simulated()).isTrue());
        ProviderRegistry providers = ProviderRegistry.standard();
        TrialExecutor executor = new TrialExecutor(providers, Classification.using(providers), "test", InstantSource.system());
        Tally tally = new Tally(plan);
        for (long i = 0; i < plan.size(); i++) {
            tally.add(executor.execute(plan.trial(i), 1).orElseThrow());
        }
        Path csv = reports.resolve("summary.csv");
        new Summary(sweep.sweepId(), tally.rates()).writeCsv(csv);

        List<Row> rows = Files.readAllLines(csv).stream().skip(1).map(Row::parse).toList();
        Map<String, ModelSpec> models = plan.models().stream().collect(Collectors.toMap(ModelSpec::id, Function.identity()));
        assertThat(rows).hasSize(16 * 12);
        double familyZ = normalQuantile(1 - 0.05 / (2 * rows.size()));
        List<String> outsideFamilyWise = new ArrayList<>();
        List<String> outside95 = new ArrayList<>();
        for (Row row : rows) {
            double expected = SimulatedProfiles.of(models.get(row.model())).harmRate(Condition.parse(row.condition()));
            assertThat(row.n()).as("decided trials of %s", row).isGreaterThanOrEqualTo(90);
            WilsonInterval wide = WilsonInterval.of(row.harmful(), row.n(), familyZ);
            if (expected < wide.low() - 1e-9 || expected > wide.high() + 1e-9) {
                outsideFamilyWise.add(row + " expected " + expected);
            }
            if (expected < row.low() - 1e-4 || expected > row.high() + 1e-4) {
                outside95.add(row + " expected " + expected);
            }
        }
        assertThat(outsideFamilyWise).as("cells outside their family-wise 95% interval").isEmpty();
        assertThat(outside95.size()).as("cells outside their reported 95%% interval: %s", outside95)
                .isLessThanOrEqualTo(binomialQuantile(rows.size(), 0.05, 0.999));
    }

    /** One line of summary.csv: model, simulated, scenario, condition, n, harmful, errors, rate, ci95_low, ci95_high. */
    record Row(String model, String condition, int n, int harmful, double low, double high) {
        static Row parse(String line) {
            String[] f = line.split(",", -1);
            return new Row(f[0], f[3], Integer.parseInt(f[4]), Integer.parseInt(f[5]), Double.parseDouble(f[9]), Double.parseDouble(f[10]));
        }
    }

    private static Path example(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("examples").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("examples/" + name + " not found above " + Path.of("").toAbsolutePath());
    }

    /** The smallest k with P(X ≤ k) ≥ q for X ~ Binomial(n, p). */
    private static int binomialQuantile(int n, double p, double q) {
        double pmf = Math.pow(1 - p, n);
        double cdf = pmf;
        int k = 0;
        while (cdf < q && k < n) {
            pmf *= (double) (n - k) / (k + 1) * p / (1 - p);
            cdf += pmf;
            k++;
        }
        return k;
    }

    /** The standard normal quantile by bisection on erf's complement; precise enough for an interval's z. */
    private static double normalQuantile(double q) {
        double lo = 0;
        double hi = 10;
        for (int i = 0; i < 100; i++) {
            double mid = (lo + hi) / 2;
            if (normalCdf(mid) < q) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    private static double normalCdf(double x) {
        // Abramowitz–Stegun 7.1.26 is too coarse in the far tail; integrate the density instead (x ≤ 10).
        int steps = 20_000;
        double h = x / steps;
        double sum = 0;
        for (int i = 0; i < steps; i++) {
            double t = (i + 0.5) * h;
            sum += Math.exp(-t * t / 2);
        }
        return 0.5 + sum * h / Math.sqrt(2 * Math.PI);
    }
}
