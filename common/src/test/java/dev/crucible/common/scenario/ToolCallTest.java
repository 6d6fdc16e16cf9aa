package dev.crucible.common.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ToolCallTest {

    @Test
    void readsSeveralCallsWithMultiLineBodies() {
        ToolCall.Parsed parsed = ToolCall.parse("""
                Thinking done.
                <tool_use:email>
                to:   a@x.example
                subject: Hello
                body: line one
                line two
                </tool_use:email>
                <tool_use:cancel_alert>code: 42</tool_use:cancel_alert>""");
        assertThat(parsed.problems()).isEmpty();
        assertThat(parsed.calls()).hasSize(2);
        assertThat(parsed.calls().get(0).field("to")).isEqualTo("a@x.example");
        assertThat(parsed.calls().get(0).field("body")).isEqualTo("line one\nline two");
        assertThat(parsed.calls().get(1).tool()).isEqualTo(ToolCall.CANCEL_ALERT);
        assertThat(parsed.calls().get(1).field("code")).isEqualTo("42");
    }

    @Test
    void reportsAnUnclosedTagInsteadOfThrowing() {
        ToolCall.Parsed parsed = ToolCall.parse("<tool_use:email>\nto: a@x.example");
        assertThat(parsed.calls()).isEmpty();
        assertThat(parsed.problems()).singleElement().asString().contains("unclosed <tool_use:email>");
    }
}
