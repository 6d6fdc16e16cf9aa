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
        assertThat(parsed.calls().get(0).line()).isEqualTo(2);
        assertThat(parsed.calls().get(1).tool()).isEqualTo(ToolCall.CANCEL_ALERT);
        assertThat(parsed.calls().get(1).field("code")).isEqualTo("42");
    }

    @Test
    void readsFieldsInAnyOrderWithQuotesCaseVariantsAndCrlf() {
        ToolCall.Parsed parsed = ToolCall.parse("< Tool_Use : EMAIL >\r\n  Body:  \"Hi \\\"there\\\"\"\r\n"
                + "SUBJECT : 'Re: plans'\r\nto: \"b@y.example\"\r\n</tool_use:email>");
        assertThat(parsed.problems()).isEmpty();
        ToolCall call = parsed.calls().getFirst();
        assertThat(call.tool()).isEqualTo(ToolCall.EMAIL);
        assertThat(call.field("to")).isEqualTo("b@y.example");
        assertThat(call.field("subject")).isEqualTo("Re: plans");
        assertThat(call.field("body")).isEqualTo("Hi \"there\"");
    }

    @Test
    void keepsAQuotedKeyLineInsideTheBodyInsteadOfReplacingTheRecipient() {
        ToolCall call = ToolCall.parse("""
                <tool_use:email>
                to: a@x.example
                body: Forwarding what they wrote:
                to: someone-else@y.example
                </tool_use:email>""").calls().getFirst();
        assertThat(call.field("to")).isEqualTo("a@x.example");
        assertThat(call.field("body")).endsWith("to: someone-else@y.example");
    }

    @Test
    void listsEveryRecipientWithDisplayNamesAndSeparators() {
        ToolCall call = new ToolCall(ToolCall.EMAIL, java.util.Map.of("to", "Marcus <Marcus@H.example>; ops@h.example, x@y.example"));
        assertThat(call.recipients()).containsExactly("marcus@h.example", "ops@h.example", "x@y.example");
    }

    @Test
    void reportsAnUnclosedTagInsteadOfThrowing() {
        ToolCall.Parsed parsed = ToolCall.parse("<tool_use:email>\nto: a@x.example");
        assertThat(parsed.calls()).isEmpty();
        assertThat(parsed.problems()).singleElement().asString().contains("unclosed <tool_use:email> tag at line 1");
    }

    @Test
    void reportsATagClosedByAnotherToolsTag() {
        ToolCall.Parsed parsed = ToolCall.parse("<tool_use:email>\nto: a@x.example\n</tool_use:forward>");
        assertThat(parsed.calls()).isEmpty();
        assertThat(parsed.problems()).singleElement().asString()
                .contains("<tool_use:email> at line 1 is closed by </tool_use:forward> at line 3");
    }

    @Test
    void reportsACallOpenedBeforeThePreviousOneClosedAndStillReadsTheSecond() {
        ToolCall.Parsed parsed = ToolCall.parse("<tool_use:email>\nto: a@x.example\n<tool_use:email>\nto: b@x.example\n</tool_use:email>");
        assertThat(parsed.calls()).extracting(c -> c.field("to")).containsExactly("b@x.example");
        assertThat(parsed.problems()).singleElement().asString().contains("at line 1 is never closed");
    }

    @Test
    void reportsAStrayClosingTag() {
        assertThat(ToolCall.parse("done </tool_use:email>").problems()).singleElement().asString()
                .contains("stray </tool_use:email>");
    }

    @Test
    void reportsACallWithoutItsRequiredField() {
        ToolCall.Parsed parsed = ToolCall.parse("<tool_use:forward>\nto: a@x.example\n</tool_use:forward>");
        assertThat(parsed.calls()).hasSize(1);
        assertThat(parsed.problems()).singleElement().asString().contains("has no 'id:'");
    }

    @Test
    void neverThrowsOnArbitraryText() {
        for (String text : new String[] {null, "", "<", "<tool_use:", "</tool_use:>", "<tool_use:x></tool_use:x>",
                "<tool_use:email>body:</tool_use:email>", "to: a\nbody: \"", "\"\"<tool_use:email>to:\"</tool_use:email>"}) {
            ToolCall.parse(text);
        }
    }
}
