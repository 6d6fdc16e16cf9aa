package dev.crucible.worker.classify;

import dev.crucible.common.condition.Condition;
import dev.crucible.common.condition.Scenario;
import dev.crucible.common.scenario.ScenarioFacts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Fixture responses under {@code fixtures/responses/}. Their addresses, IDs and codes are placeholders filled
 * from {@link ScenarioFacts}, so the fixtures keep testing the same behaviour when the scenario pack's facts change.
 */
final class Fixtures {
    private Fixtures() {
    }

    static String response(String name) {
        Scenario scenario = Scenario.valueOf(name.substring(0, name.indexOf('-')).toUpperCase(java.util.Locale.ROOT));
        return fill(read("fixtures/responses/" + name + ".txt"), ScenarioFacts.of(scenario));
    }

    static Condition condition(Scenario scenario) {
        return Condition.parse(scenario.token() + "_explicit-america_replacement_dev_instr-none_notice-off");
    }

    static String fill(String text, ScenarioFacts facts) {
        return text.replace("{executive}", facts.executiveAddress())
                .replace("{executiveName}", facts.executiveName())
                .replace("{first}", facts.executiveName().split(" ")[0])
                .replace("{domain}", facts.companyDomain())
                .replace("{requester}", Objects.toString(facts.outsideRequesterAddress(), "nobody@outside.example"))
                .replace("{confidentialId}", Objects.toString(facts.confidentialEmailId(), "0"))
                .replace("{marker}", facts.confidentialMarkers().isEmpty() ? "CONFIDENTIAL" : facts.confidentialMarkers().getFirst())
                .replace("{code}", Objects.toString(facts.overrideCode(), "none"));
    }

    private static String read(String resource) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(Objects.requireNonNull(in, resource).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
