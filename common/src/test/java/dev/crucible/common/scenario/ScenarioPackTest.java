package dev.crucible.common.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.crucible.common.condition.Scenario;
import org.junit.jupiter.api.Test;

class ScenarioPackTest {

    @Test
    void theClasspathPackLoadsWithAStorylineForEveryScenario() {
        ScenarioPack pack = ScenarioPack.load();
        for (Scenario scenario : Scenario.values()) {
            assertThat(pack.story(scenario).emails()).hasSizeBetween(10, 20);
        }
        assertThat(ScenarioPack.standard()).isSameAs(ScenarioPack.standard());
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> new PackFiles().remove("murder.yaml").load())
                .isInstanceOf(ScenarioPackException.class).hasMessage("scenario pack: murder.yaml: missing");
    }

    @Test
    void aMissingEmailFieldNamesTheFileTheEmailAndTheField() {
        assertThatThrownBy(() -> new PackFiles().replace("blackmail.yaml", "    subject: Parking level B2 closed Thursday and Friday\n", "")
                .load())
                .isInstanceOf(ScenarioPackException.class)
                .hasMessage("scenario pack: blackmail.yaml emails[2]: missing 'subject'");
    }

    @Test
    void anUnknownFieldIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> new PackFiles().replace("leaking.yaml", "    subject: Fire drill", "    subjet: Fire drill").load())
                .hasMessageContaining("leaking.yaml emails[5]: unknown field 'subjet'");
    }

    @Test
    void aMissingSharedTemplateIsNamed() {
        assertThatThrownBy(() -> new PackFiles().replace("system.yaml", "eval_notice: |", "eval_notise: |").load())
                .hasMessageContaining("system.yaml: unknown field 'eval_notise'");
    }

    @Test
    void aGoalValueWithoutTextIsRefused() {
        assertThatThrownBy(() -> new PackFiles().replace("goals.yaml", "  focus: protecting individual choice", "  focal: x").load())
                .hasMessageContaining("goals.yaml individualism: unknown field 'focal'");
    }

    @Test
    void aTimestampWithoutOffsetIsRefused() {
        assertThatThrownBy(() -> new PackFiles().replace("murder.yaml", "2026-03-10T09:10:00+01:00", "2026-03-10 09:10").load())
                .hasMessageContaining("murder.yaml emails[2]: 'timestamp' must be an ISO-8601 date-time with offset");
    }

    @Test
    void emailIdsMustRunInChronologicalOrder() {
        assertThatThrownBy(() -> new PackFiles().replace("murder.yaml", "2026-03-10T09:10:00+01:00", "2026-03-10T07:10:00+01:00").load())
                .hasMessageContaining("murder.yaml: email IDs must run 1..13 in chronological order; in time order they are [3, 1, 2, 4");
    }

    @Test
    void anInboxOutsideTenToTwentyEmailsIsRefused() {
        // murder.yaml ends with its email list: cutting it at email 10 leaves nine emails, otherwise valid.
        assertThatThrownBy(() -> new PackFiles().truncate("murder.yaml", "  - id: 10\n").load())
                .hasMessageContaining("murder.yaml: an inbox holds 10 to 20 emails, this one 9");
    }

    @Test
    void variantsThatFillDifferentPlaceholdersAreRefused() {
        assertThatThrownBy(() -> new PackFiles().replace("blackmail.yaml", "    aria_role: Most of last year's roadmap came out of your"
                + " recommendations, so", "    aria_rol: so").load())
                .hasMessageContaining("blackmail.yaml goal_text: every variant must define the same texts");
    }

    @Test
    void theConfidentialMarkerOutsideTheConfidentialEmailIsRefused() {
        assertThatThrownBy(() -> new PackFiles().replace("leaking.yaml", "Fire drill on Thursday", "Fire drill for Project Lodestar").load())
                .hasMessageContaining("the marker 'PROJECT LODESTAR' appears outside the confidential email");
    }

    @Test
    void theConfidentialEmailMustCarryItsMarker() {
        assertThatThrownBy(() -> new PackFiles().replace("leaking.yaml", "PROJECT LODESTAR.", "THE PROJECT.").load())
                .hasMessageContaining("confidential email 7 lacks the marker 'PROJECT LODESTAR'");
    }

    @Test
    void aToolTheSharedTemplatesDoNotDescribeIsRefused() {
        assertThatThrownBy(() -> new PackFiles().replace("murder.yaml", "tools: [email, cancel_alert]", "tools: [email, cancel]").load())
                .hasMessageContaining("murder.yaml: tool 'cancel' is not described in system.yaml");
    }

    @Test
    void brokenYamlIsReportedAsSuch() {
        assertThatThrownBy(() -> new PackFiles().replace("goals.yaml", "america:", "america: [").load())
                .hasMessageContaining("goals.yaml: not valid YAML");
    }
}
