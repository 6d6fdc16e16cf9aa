package dev.crucible.common.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.crucible.common.condition.Deployment;
import dev.crucible.common.condition.ExtraInstructions;
import dev.crucible.common.condition.GoalType;
import dev.crucible.common.condition.GoalValue;
import dev.crucible.common.condition.Scenario;
import dev.crucible.common.condition.Urgency;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecLoaderTest {

    /** A valid spec; tests break one line of it, so the line numbers below matter. */
    private static final String VALID = """
            name: quickstart
            seed: 42
            samples: 10
            scenarios: [blackmail, leaking]
            conditions:
              goal_type: [explicit, none]
              goal_value: [america, global]
              urgency: [replacement, none]
            models:
              - provider: simulated
                name: sim-a
                parameters:
                  harm_rate: 0.8
            """;

    // ---- valid specs ----------------------------------------------------------------------------------------

    @Test
    void bindsTheStudysFullGridToTheExpectedSpec() throws Exception {
        SweepSpec spec = SpecLoader.load(resource("specs/full-grid.yaml"));

        assertThat(spec.name()).isEqualTo("agentic-misalignment-full");
        assertThat(spec.seed()).isEqualTo(7);
        assertThat(spec.samples()).isEqualTo(100);
        assertThat(spec.limits().maxTrials()).isEqualTo(100_000);
        assertThat(spec.space().scenarios()).containsExactly(Scenario.BLACKMAIL, Scenario.LEAKING, Scenario.MURDER);
        assertThat(spec.space().goalTypes()).containsExactly(
                GoalType.EXPLICIT, GoalType.LATENT, GoalType.SWAP, GoalType.NONE, GoalType.AMBIGUOUS);
        assertThat(spec.space().goalValues()).hasSize(8).doesNotContain(GoalValue.NONE);
        assertThat(spec.space().urgencies()).containsExactly(Urgency.REPLACEMENT, Urgency.RESTRICTION, Urgency.NONE);
        assertThat(spec.space().conditions()).hasSize(234);
        assertThat(spec.space().size()).isEqualTo(234);
        assertThat(spec.models()).containsExactly(
                new ModelSpec("simulated", "sim-harmful",
                        Map.of("harm_rate", 0.8, "error_rate", 0.0, "latency_ms", 20.0, "latency_jitter_ms", 5.5)),
                new ModelSpec("simulated", "sim-benign", Map.of()));
        assertThat(spec.trialCount()).isEqualTo(234 * 2 * 100);
    }

    @Test
    void appliesDefaultsForOptionalFields() throws Exception {
        SweepSpec spec = SpecLoader.parse("min.yaml", """
                name: minimal
                samples: 1
                scenarios: [murder]
                conditions:
                  goal_type: [none, ambiguous]
                  urgency: [none]
                models:
                  - provider: simulated
                    name: sim
                """);

        assertThat(spec.seed()).isZero();
        assertThat(spec.limits()).isEqualTo(SweepSpec.Limits.defaults());
        assertThat(spec.space().goalValues()).isEmpty();
        assertThat(spec.space().deployments()).containsExactly(Deployment.DEVELOPMENT);
        assertThat(spec.space().instructions()).containsExactly(ExtraInstructions.NONE);
        assertThat(spec.space().evalNotices()).containsExactly(false);
        assertThat(spec.models().getFirst().parameters()).isEmpty();
        assertThat(spec.space().conditions()).hasSize(2);
    }

    @Test
    void acceptsASingleValueWhereAListIsExpected() throws Exception {
        SweepSpec spec = SpecLoader.parse("single.yaml", """
                name: single
                samples: 1
                scenarios: leaking
                conditions:
                  goal_type: explicit
                  goal_value: safety
                  urgency: restriction
                  deployment: prod
                  instructions: dont
                  eval_notice: true
                models:
                  - {provider: simulated, name: sim}
                """);

        assertThat(spec.space().conditions()).singleElement().satisfies(c -> {
            assertThat(c.scenario()).isEqualTo(Scenario.LEAKING);
            assertThat(c.goalValue()).isEqualTo(GoalValue.SAFETY);
            assertThat(c.deployment()).isEqualTo(Deployment.PRODUCTION);
            assertThat(c.instructions()).isEqualTo(ExtraInstructions.DONT);
            assertThat(c.evalNotice()).isTrue();
        });
    }

    // ---- one problem of each kind ---------------------------------------------------------------------------

    @Test
    void reportsYamlSyntaxErrorWhereItIs() {
        assertSingleProblem(with("scenarios: [blackmail, leaking]", "scenarios: [blackmail, leaking"),
                5, "YAML syntax error: expected ',' or ']'");
    }

    @Test
    void reportsTabIndentationOnTheLineWithTheTab() {
        assertSingleProblem(with("  urgency:", "\turgency:"), 8, "YAML syntax error: found character '\\t(TAB)'");
    }

    @Test
    void reportsUnknownTopLevelKeyWithAllowedKeysAndNearMatch() {
        assertSingleProblem(with("seed: 42", "seed: 42\nsampels: 3"), 3,
                "unknown key 'sampels'; allowed: name, seed, samples, scenarios, conditions, models, classifiers, limits, "
                        + "prices, budget (did you mean 'samples'?)");
    }

    @Test
    void reportsUnknownNestedKeysWithThePathToThem() {
        assertSingleProblem(with("  urgency: [replacement, none]", "  urgency: [replacement, none]\n  deploy: [dev]"),
                9, "conditions: unknown key 'deploy'; allowed: goal_type, goal_value, urgency, deployment, "
                        + "instructions, eval_notice (did you mean 'deployment'?)");
        assertSingleProblem(with("    name: sim-a", "    name: sim-a\n    temperature: 1.0"),
                12, "models[0]: unknown key 'temperature'; allowed: provider, name, parameters");
    }

    @Test
    void reportsDuplicateKeyAtTheRepeat() {
        assertSingleProblem(with("seed: 42", "seed: 42\nseed: 43"), 3, "duplicate key 'seed' (first at line 2, column 1)");
    }

    @Test
    void reportsMissingRequiredKeyAtTheEnclosingMapping() {
        assertSingleProblem(with("samples: 10\n", ""), 1, "missing required key 'samples'");
        assertSingleProblem(with("    name: sim-a\n", ""), 10, "models[0]: missing required key 'name'");
        assertSingleProblem(with("  urgency: [replacement, none]\n", ""), 6,
                "conditions: missing required key 'urgency'");
    }

    @Test
    void reportsWordWhereANumberBelongs() {
        assertSingleProblem(with("samples: 10", "samples: ten"), 3, "samples: expected a whole number, got 'ten'");
    }

    @Test
    void reportsFractionalSamplesAndSeed() {
        assertSingleProblem(with("samples: 10", "samples: 1.5"), 3, "samples: expected a whole number, got 1.5");
        assertSingleProblem(with("seed: 42", "seed: 4.2"), 2, "seed: expected a whole number, got 4.2");
    }

    @Test
    void explainsThatAQuotedNumberIsText() {
        assertSingleProblem(with("samples: 10", "samples: \"10\""), 3,
                "samples: expected a whole number, got '10' (quoted, so it is text)");
    }

    @Test
    void reportsSamplesOutOfRange() {
        assertSingleProblem(with("samples: 10", "samples: 0"), 3, "samples: must be at least 1, got 0");
        assertSingleProblem(with("samples: 10", "samples: 2147483648"), 3, "samples: must be at most 2147483647");
    }

    @Test
    void reportsMappingWhereAListBelongs() {
        assertSingleProblem(with("scenarios: [blackmail, leaking]", "scenarios: {blackmail: 1}"), 4,
                "scenarios: expected a list, got a mapping");
        assertSingleProblem(VALID.substring(0, VALID.indexOf("models:")) + "models: {provider: simulated, name: a}\n",
                9, "models: expected a list of models, each a mapping with provider and name, got a mapping");
    }

    @Test
    void reportsEmptyListWithTheChoices() {
        assertSingleProblem(with("scenarios: [blackmail, leaking]", "scenarios: []"), 4,
                "scenarios: is empty; list at least one of: blackmail, leaking, murder");
        assertSingleProblem(with("  urgency: [replacement, none]", "  urgency:"), 8, "conditions.urgency: is empty");
    }

    @Test
    void reportsValueListedTwice() {
        assertSingleProblem(with("[blackmail, leaking]", "[blackmail, leaking, blackmail]"), 4,
                "scenarios: 'blackmail' is listed twice (first at line 4, column 13)");
    }

    @Test
    void reportsUnknownValueWithTheAllowedOnes() {
        SpecProblem problem = assertSingleProblem(with("[blackmail, leaking]", "[blackmail, leakng]"), 4,
                "scenarios: unknown value 'leakng'; allowed: blackmail, leaking, murder (did you mean 'leaking'?)");
        assertThat(problem.column()).isEqualTo(24);
    }

    @Test
    void explainsWhyGoalValueNoneIsNotListed() {
        assertSingleProblem(with("[america, global]", "[america, none]"), 7,
                "conditions.goal_value: 'none' is not listed here: goal types none and ambiguous take goal value "
                        + "none implicitly, and explicit, latent and swap need a real value (america, global, ");
    }

    @Test
    void requiresGoalValueWhenAGoalTypeTakesOne() {
        assertSingleProblem(with("  goal_value: [america, global]\n", ""), 6,
                "conditions: missing required key 'goal_value' (goal type explicit needs goal values; list some of: "
                        + "america, global, safety");
    }

    @Test
    void refusesGoalValuesThatNoListedGoalTypeWouldUse() {
        assertSingleProblem(with("[explicit, none]", "[none, ambiguous]"), 7,
                "conditions.goal_value: none of the listed goal types (none, ambiguous) takes a goal value, so these "
                        + "values would change nothing; remove goal_value or add explicit, latent or swap to goal_type");
    }

    @Test
    void reportsNonBooleanNotice() {
        String urgency = "  urgency: [replacement, none]";
        assertSingleProblem(with(urgency, urgency + "\n  eval_notice: [maybe]"), 9,
                "conditions.eval_notice: expected true or false, got 'maybe'");
        assertSingleProblem(with(urgency, urgency + "\n  eval_notice: [true, no]"), 9,
                "conditions.eval_notice: expected true or false, got 'no'");
    }

    @Test
    void reportsDuplicateModel() {
        assertSingleProblem(VALID + "  - provider: simulated\n    name: sim-a\n", 14,
                "models[1]: duplicate model simulated/sim-a (first at line 10, column 5)");
    }

    @Test
    void reportsUnknownProviderWithTheKnownOnes() {
        assertSingleProblem(with("provider: simulated", "provider: simulatd"), 10,
                "models[0].provider: unknown provider 'simulatd'; allowed: anthropic, gemini, openai, openai-compatible, simulated (did you mean 'simulated'?)");
    }

    @Test
    void reportsUnknownParameterForTheProvider() {
        assertSingleProblem(with("harm_rate: 0.8", "harm: 0.8"), 13,
                "models[0].parameters: unknown simulated parameter 'harm'; allowed: crash_rate, error_rate, harm_rate, "
                        + "latency_jitter_ms, latency_ms, max_attempts");
    }

    @Test
    void reportsInvalidParameterValues() {
        assertSingleProblem(with("harm_rate: 0.8", "harm_rate: 1.5"), 13,
                "models[0].parameters.harm_rate: must be a number from 0 to 1, got 1.5");
        assertSingleProblem(with("harm_rate: 0.8", "latency_ms: -3"), 13,
                "models[0].parameters.latency_ms: must be a number >= 0, got -3");
        assertSingleProblem(with("harm_rate: 0.8", "error_rate: high"), 13,
                "models[0].parameters.error_rate: expected a number from 0 to 1, got 'high'");
    }

    @Test
    void reportsBlankModelName() {
        assertSingleProblem(with("name: sim-a", "name: '  '"), 11, "models[0].name: must not be blank");
    }

    @Test
    void reportsSweepNameThatCannotBePartOfATopicName() throws Exception {
        assertSingleProblem(with("name: quickstart", "name: Quick_Start"), 1,
                "name: 'Quick_Start' is not a valid sweep name");
        String tooLong = "a".repeat(49);
        assertSingleProblem(with("name: quickstart", "name: " + tooLong), 1, "name: '" + tooLong + "' is not");
        assertThat(SpecLoader.parse("spec.yaml", with("name: quickstart", "name: " + tooLong.substring(1))).name())
                .hasSize(48);
    }

    @Test
    void reportsEmptyDocumentAtLineOne() {
        assertThat(problems("# nothing here\n")).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.reason()).startsWith("the spec is empty");
        });
    }

    @Test
    void reportsTopLevelListAtLineOne() {
        assertThat(problems("# comment\n- name: x\n")).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.reason()).startsWith("a spec is a mapping of keys (name, seed");
        });
    }

    @Test
    void reportsASecondDocument() {
        assertSingleProblem(VALID + "---\nname: other\n", 15, "a second YAML document starts here");
    }

    @Test
    void reportsAliasesAsUnsupported() {
        String shared = "    parameters: &p {harm_rate: 0.8}\n  - provider: simulated\n    name: sim-b\n"
                + "    parameters: *p\n";
        SpecProblem problem = assertSingleProblem(with("    parameters:\n      harm_rate: 0.8\n", shared), 15,
                "alias *p is not supported in sweep specs; write the value out");
        assertThat(problem.column()).isEqualTo(17);
    }

    @Test
    void reportsAKeyWrittenAsAList() {
        assertSingleProblem(VALID + "? [a, b]\n: 1\n", 14, "YAML syntax error: a key must be a single value");
    }

    @Test
    void keepsEachProblemOnOneLine() {
        assertSingleProblem(with("name: quickstart", "name: |\n  two\n  lines"), 1,
                "name: 'two\\nlines\\n' is not a valid sweep name");
    }

    // ---- many problems at once ------------------------------------------------------------------------------

    @Test
    void reportsEveryProblemInDocumentOrder() {
        SpecException e = catchThrowableOfType(SpecException.class, () -> SpecLoader.parse("bad.yaml", """
                name: Bad Name
                samples: ten
                scenarios: [blackmail, blackmail]
                models:
                  - provider: simulated
                    name: sim-a
                    parameters: {harm_rate: 2}
                  - provider: nope
                    name: sim-b
                conditions:
                  goal_type: [explicit, latent]
                  urgency: [soon]
                colour: blue
                """));

        assertThat(e.problems()).extracting(SpecProblem::line).containsExactly(1, 2, 3, 7, 8, 11, 12, 13);
        assertThat(e.getMessage().lines().toList()).containsExactly(
                "bad.yaml:1:7: name: 'Bad Name' is not a valid sweep name: use 1 to 48 lowercase letters, digits and "
                        + "dashes, starting with a letter or digit (it becomes part of Kafka topic names)",
                "bad.yaml:2:10: samples: expected a whole number, got 'ten'",
                "bad.yaml:3:24: scenarios: 'blackmail' is listed twice (first at line 3, column 13)",
                "bad.yaml:7:29: models[0].parameters.harm_rate: must be a number from 0 to 1, got 2",
                "bad.yaml:8:15: models[1].provider: unknown provider 'nope'; allowed: anthropic, gemini, openai, openai-compatible, simulated",
                "bad.yaml:11:3: conditions: missing required key 'goal_value' (goal types explicit, latent need "
                        + "goal values; list some of: america, global, safety, acceleration, ethical, pragmatic, "
                        + "individualism, collectivism)",
                "bad.yaml:12:13: conditions.urgency: unknown value 'soon'; allowed: replacement, restriction, none",
                "bad.yaml:13:1: unknown key 'colour'; allowed: name, seed, samples, scenarios, conditions, models, "
                        + "classifiers, limits, prices, budget");
    }

    // ---- trial ceiling --------------------------------------------------------------------------------------

    /** 2 scenarios × (4 + 1) goals × 2 urgencies = 20 conditions; × 5 models × 10,000 samples = 1,000,000. */
    private static String millionTrials(String limits) {
        return """
                name: big
                samples: 10000
                scenarios: [blackmail, murder]
                conditions:
                  goal_type: [explicit, none]
                  goal_value: [america, global, safety, acceleration]
                  urgency: [replacement, none]
                models:
                  - {provider: simulated, name: m1}
                  - {provider: simulated, name: m2}
                  - {provider: simulated, name: m3}
                  - {provider: simulated, name: m4}
                  - {provider: simulated, name: m5}
                """ + limits;
    }

    @Test
    void acceptsSweepUnderTheCeiling() throws Exception {
        SweepSpec spec = SpecLoader.parse("big.yaml", millionTrials(""));

        assertThat(spec.trialCount()).isEqualTo(1_000_000);
        assertThat(spec.limits().maxTrials()).isEqualTo(2_000_000);
    }

    @Test
    void acceptsSweepExactlyAtTheCeiling() throws Exception {
        assertThat(SpecLoader.parse("big.yaml", millionTrials("limits: {max_trials: 1000000}\n")).trialCount())
                .isEqualTo(1_000_000);
    }

    @Test
    void refusesSweepAboveTheCeilingPointingAtSamples() {
        SpecException e = catchThrowableOfType(SpecException.class,
                () -> SpecLoader.parse("big.yaml", millionTrials("limits:\n  max_trials: 999999\n")));

        assertThat(e.getMessage()).isEqualTo("big.yaml:2:10: sweep has 1000000 trials (20 conditions × 5 models × "
                + "10000 samples), above the ceiling of 999999 set by limits.max_trials");
    }

    @Test
    void checksTheCeilingOnlyWhenEverythingElseIsValid() {
        List<SpecProblem> found = problems(millionTrials("limits: {max_trials: 10}\n").replace("name: big", "name: BIG"));

        assertThat(found).extracting(SpecProblem::reason).singleElement().asString().contains("not a valid sweep name");
    }

    // ---- files ----------------------------------------------------------------------------------------------

    @Test
    void reportsAFileThatDoesNotExist(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");

        SpecException e = catchThrowableOfType(SpecException.class, () -> SpecLoader.load(missing));

        assertThat(e.problems()).containsExactly(new SpecProblem(missing.toString(), 1, 1, "no such file"));
        assertThat(e.getMessage()).isEqualTo(missing + ":1:1: no such file");
    }

    @Test
    void namesTheFileAsGivenInProblems(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("spec.yaml");
        java.nio.file.Files.writeString(file, with("samples: 10", "samples: -1"));

        SpecException e = catchThrowableOfType(SpecException.class, () -> SpecLoader.load(file));

        assertThat(e.getMessage()).isEqualTo(file + ":3:10: samples: must be at least 1, got -1");
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private static String with(String from, String to) {
        assertThat(VALID).as("test spec contains %s", from).contains(from);
        return VALID.replace(from, to);
    }

    private static List<SpecProblem> problems(String yaml) {
        SpecException e = catchThrowableOfType(SpecException.class, () -> SpecLoader.parse("spec.yaml", yaml));
        assertThat(e).as("expected the spec to be refused").isNotNull();
        return e.problems();
    }

    private static SpecProblem assertSingleProblem(String yaml, int line, String reasonStart) {
        List<SpecProblem> found = problems(yaml);
        assertThat(found).as("problems in:\n%s", yaml).hasSize(1);
        SpecProblem problem = found.getFirst();
        assertThat(problem.file()).isEqualTo("spec.yaml");
        assertThat(problem.line()).as("line of %s", problem).isEqualTo(line);
        assertThat(problem.reason()).startsWith(reasonStart);
        return problem;
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(SpecLoaderTest.class.getClassLoader().getResource(name)).toURI());
    }
}
