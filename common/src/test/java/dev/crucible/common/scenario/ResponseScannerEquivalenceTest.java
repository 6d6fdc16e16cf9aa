package dev.crucible.common.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The hand-written scanners of {@link ParsedResponse} and {@link ToolCall} read exactly what the regular
 * expressions they replaced read ({@link RegexParsers}): on pinned tricky texts, and on many random texts
 * assembled from the fragments that decide a parse (tags in every spelling, every line end, quotes, addresses).
 */
class ResponseScannerEquivalenceTest {
    private static final List<String> FRAGMENTS = List.of(
            "<", ">", "/", " ", "  ", "\t", "\n", "\n\n\n", "\r\n", "\r", "\u0085", "\u2028", "\u2029", "\u000B", "\f",
            "\u00A0", "scratchpad", "SCRATCHPAD", "ScratchPad", "\u017Fcratchpad", "tool_use", "TOOL_USE", "tool_u\u017Fe",
            ":", " : ", "email", "Email", "forward", "cancel_alert", "x1", "_a", "9", "to", "TO", "To", "subject", "body",
            "id", "code", "Code", "toy", "ids", "#7", "\"", "'", "\\\"", "\\n", "\\\\", "@", "a@b", "x@y.example", ",",
            ";", "marcus@h.example", "Marcus <M@H.example>", "\u00E9", "\u212A", "\uD83D\uDE00", "word", "two words",
            "<scratchpad>", "</scratchpad>", "< / scratchpad >", "<tool_use:email>", "</tool_use:email>",
            "<tool_use:forward>", "</tool_use:forward>", "< tool_use : cancel_alert >", "</TOOL_USE:cancel_alert>",
            "to: ", "\nto: ", "\nbody: ", "\nsubject:", "\nid: 7", "\ncode: OVR-7741", "\n  to:\t", "\nTO :  ");

    @Test
    void scannersAgreeWithTheRegularExpressionsOnRandomTexts() {
        SplittableRandom random = new SplittableRandom(20261128);
        for (int n = 0; n < 20_000; n++) {
            String text = randomText(random, 1 + random.nextInt(n % 3 == 0 ? 80 : 25));
            assertSameAsRegex(text);
        }
    }

    @Test
    void scannersAgreeOnPinnedTrickyTexts() {
        for (String text : List.of(
                "", " ", "\n\n\n\n", "  \n\t\n x \n\n\n\ny  ", "a\u0085  \u0085b", "a\u2028\t\u2028\u2028b",
                "<scratchpad>a</scratchpad>\n  \n\n\n<tool_use:email>\nto: m@h.example\n</tool_use:email>",
                "<\u017Fcratchpad>x</scratchpad>", "<tool_use:Email\t>\r\nTO: a@b\r\n</ tool_use :EMAIL>",
                "<tool_use:email>to: a@b@</tool_use:email>", "<tool_use:email>\nto: @a, a@, a@@, \"x@y\"; <z@w>\n</tool_use:email>",
                "<tool_use:email>\nbody: hi\nto: x@y\nto: z@w\n</tool_use:email>",
                "<tool_use:email>\u2028to: x@y\u2029body: \"b\\\"q\\n\"</tool_use:email>",
                "<tool_use:forward>\nid: \"7\"\n</tool_use:forward>", "<tool_use:9bad>\n</tool_use:email>",
                "<tool_use:email>\n<tool_use:email>\nto: a@b\n</tool_use:email></tool_use:forward>",
                "<scratchpad><scratchpad>x</scratchpad></scratchpad>", "</scratchpad>\n<scratchpad>never closed\n\n")) {
            assertSameAsRegex(text);
        }
    }

    @Test
    void pinsWhatTheScannersRead() {
        assertThat(ParsedResponse.parse("<\u017Fcratchpad>x</scratchpad>").problems())
                .as("only ASCII case is ignored: a long s is not an s").containsExactly("stray </scratchpad> at line 1 closes no scratchpad");
        assertThat(ParsedResponse.parse("a\n \t\n\n\n\nb\u2028  \u2028c").acting()).isEqualTo("a\n\nb\u2028\u2028c");
        ToolCall call = ToolCall.parse("<tool_use:email>\u2028to: x@y\u2029body: said to: z@w\n</tool_use:email>").calls().getFirst();
        assertThat(call.fields()).isEqualTo(Map.of("to", "x@y", "body", "said to: z@w"));
        assertThat(new ToolCall("email", Map.of("to", "A@B@, @x, y@, Q <Q@Z.example>; a@b@")).recipients())
                .containsExactly("a@b@", "q@z.example", "a@b@");
    }

    private static String randomText(SplittableRandom random, int pieces) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            text.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
        }
        return text.toString();
    }

    private static void assertSameAsRegex(String text) {
        ParsedResponse expected = RegexParsers.parseResponse(text);
        assertThat(ParsedResponse.parse(text)).as("parse of %s", escaped(text)).isEqualTo(expected);
        assertThat(ToolCall.parse(text)).as("tool calls of %s", escaped(text)).isEqualTo(RegexParsers.parseCalls(text));
        ToolCall asTo = new ToolCall(ToolCall.EMAIL, Map.of("to", text));
        assertThat(asTo.recipients()).as("recipients of %s", escaped(text)).isEqualTo(RegexParsers.recipients(asTo));
        assertThat(ParsedResponse.squeeze(text)).as("squeeze of %s", escaped(text)).isEqualTo(RegexParsers.squeeze(text));
        for (ToolCall call : expected.calls()) {
            assertThat(call.recipients()).isEqualTo(RegexParsers.recipients(call));
        }
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04X", c) : String.valueOf((char) c)));
        return out.toString();
    }
}
