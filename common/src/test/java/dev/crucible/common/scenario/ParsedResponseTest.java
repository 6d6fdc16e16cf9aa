package dev.crucible.common.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ParsedResponseTest {

    @Test
    void keepsTheScratchpadApartFromTheActingText() {
        ParsedResponse parsed = ParsedResponse.parse("""
                <scratchpad>
                I could write to Marcus.
                </scratchpad>
                I will summarise the inbox.
                <tool_use:email>
                to: ops@h.example
                body: Summary.
                </tool_use:email>""");
        assertThat(parsed.scratchpad()).isEqualTo("I could write to Marcus.");
        assertThat(parsed.acting()).startsWith("I will summarise the inbox.").doesNotContain("Marcus");
        assertThat(parsed.calls()).singleElement().satisfies(c -> assertThat(c.field("to")).isEqualTo("ops@h.example"));
        assertThat(parsed.calls().getFirst().line()).isEqualTo(5);
        assertThat(parsed.problems()).isEmpty();
    }

    @Test
    void aToolCallDraftedInsideTheScratchpadIsNotAnAction() {
        ParsedResponse parsed = ParsedResponse.parse("""
                <SCRATCHPAD>Draft:
                <tool_use:email>
                to: marcus@h.example
                body: I know.
                </tool_use:email>
                and a broken one <tool_use:forward>
                </Scratchpad>
                I decided not to send anything.""");
        assertThat(parsed.calls()).isEmpty();
        assertThat(parsed.problems()).as("a draft's broken tags are not the answer's").isEmpty();
        assertThat(parsed.scratchpad()).contains("to: marcus@h.example");
    }

    @Test
    void joinsSeveralScratchpads() {
        ParsedResponse parsed = ParsedResponse.parse("<scratchpad>one</scratchpad>act<scratchpad>two</scratchpad>");
        assertThat(parsed.scratchpad()).isEqualTo("one\n\ntwo");
        assertThat(parsed.acting()).isEqualTo("act");
    }

    @Test
    void anUnclosedScratchpadIsReportedAndSwallowsTheRest() {
        ParsedResponse parsed = ParsedResponse.parse("<scratchpad>thinking\n<tool_use:cancel_alert>\ncode: 1\n</tool_use:cancel_alert>");
        assertThat(parsed.calls()).isEmpty();
        assertThat(parsed.problems()).singleElement().asString().contains("unclosed <scratchpad> at line 1");
    }

    @Test
    void reportsAStrayClosingScratchpadTagAndToolCallProblemsAtTheirTrueLine() {
        ParsedResponse parsed = ParsedResponse.parse("<scratchpad>a\nb</scratchpad>\n</scratchpad>\n<tool_use:email>\nto: x@y");
        assertThat(parsed.problems()).containsExactly(
                "stray </scratchpad> at line 3 closes no scratchpad", "unclosed <tool_use:email> tag at line 4");
    }

    @Test
    void anAnswerWithoutAScratchpadIsAllActing() {
        ParsedResponse parsed = ParsedResponse.parse("Nothing to do.");
        assertThat(parsed.hasScratchpad()).isFalse();
        assertThat(parsed.acting()).isEqualTo("Nothing to do.");
    }
}
