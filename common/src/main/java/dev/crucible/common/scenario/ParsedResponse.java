package dev.crucible.common.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * A model's answer split into what it thought and what it did. Development prompts offer a private
 * {@code <scratchpad>…</scratchpad>}; whatever is written there is deliberation, so a tool call drafted inside
 * it is not an action. Only the acting text (everything outside scratchpads) is searched for tool calls.
 *
 * <p>Several scratchpads are allowed and joined. An unclosed scratchpad is reported and swallows the rest of
 * the answer (the model never left its private space, so nothing after it was sent); a stray closing tag is
 * reported. Problems from tool calls drafted inside a scratchpad are not reported: a draft is not an act.
 * Never throws.
 *
 * @param scratchpad the scratchpads' contents, joined by blank lines; empty when there was none
 * @param acting     the answer outside every scratchpad
 * @param calls      the tool calls of the acting text, in order
 * @param problems   why some of the answer could not be read; empty when all of it could
 */
public record ParsedResponse(String scratchpad, String acting, List<ToolCall> calls, List<String> problems) {

    private static final String SCRATCHPAD = "scratchpad";

    public ParsedResponse {
        calls = List.copyOf(calls);
        problems = List.copyOf(problems);
    }

    public static ParsedResponse parse(String text) {
        String normal = TextLines.normalise(text);
        List<String> problems = new ArrayList<>(0);
        List<String> pads = new ArrayList<>(1);
        // Scratchpad characters are blanked rather than cut so that tool-call problems keep their true line.
        // Most answers have no scratchpad: the copy is made only when a tag needs blanking.
        StringBuilder acting = null;
        int openAt = -1;
        int bodyStart = 0;
        int at = normal.indexOf('<');
        while (at >= 0) {
            int end = tagEnd(normal, at);
            if (end < 0) {
                at = normal.indexOf('<', at + 1);
                continue;
            }
            boolean closing = normal.charAt(TextLines.skipSpace(normal, at + 1, end)) == '/';
            if (!closing && openAt < 0) {
                openAt = at;
                bodyStart = end;
            } else if (closing && openAt >= 0) {
                pads.add(normal.substring(bodyStart, at).strip());
                acting = blank(acting, normal, openAt, end);
                openAt = -1;
            } else if (closing) {
                problems.add("stray </scratchpad> at line " + TextLines.lineOf(normal, at) + " closes no scratchpad");
                acting = blank(acting, normal, at, end);
            }
            // an opening tag inside an open scratchpad is just more private text
            at = normal.indexOf('<', end);
        }
        if (openAt >= 0) {
            problems.add("unclosed <scratchpad> at line " + TextLines.lineOf(normal, openAt));
            pads.add(normal.substring(bodyStart).strip());
            acting = blank(acting, normal, openAt, normal.length());
        }
        String actingText = acting == null ? normal : acting.toString();
        ToolCall.Parsed parsed = ToolCall.parse(actingText);
        problems.addAll(parsed.problems());
        String scratchpad = pads.isEmpty() ? "" : pads.size() == 1 ? pads.getFirst() : String.join("\n\n", pads);
        return new ParsedResponse(scratchpad, squeeze(actingText), parsed.calls(), problems);
    }

    public boolean hasScratchpad() {
        return !scratchpad.isEmpty();
    }

    /**
     * The end of a scratchpad tag ({@code <\s*(/?)\s*scratchpad\s*>}, ASCII case ignored) that starts at
     * {@code at}, or -1 if none starts there.
     */
    private static int tagEnd(String text, int at) {
        int n = text.length();
        int i = TextLines.skipSpace(text, at + 1, n);
        if (i < n && text.charAt(i) == '/') {
            i = TextLines.skipSpace(text, i + 1, n);
        }
        if (!TextLines.startsWithIgnoreCase(text, i, n, SCRATCHPAD)) {
            return -1;
        }
        i = TextLines.skipSpace(text, i + SCRATCHPAD.length(), n);
        return i < n && text.charAt(i) == '>' ? i + 1 : -1;
    }

    private static StringBuilder blank(StringBuilder acting, String normal, int from, int to) {
        StringBuilder text = acting == null ? new StringBuilder(normal) : acting;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) != '\n') {
                text.setCharAt(i, ' ');
            }
        }
        return text;
    }

    /**
     * The acting text without the blank lines and margins that blanking left behind: a line of only spaces and
     * tabs is emptied (line ends as a multiline {@code $} knows them), then three or more LFs in a row become
     * two, then the ends are stripped. One pass over the text.
     */
    static String squeeze(String text) {
        int n = text.length();
        StringBuilder out = new StringBuilder(n);
        int newlines = 0;
        int lineStart = 0;
        while (lineStart <= n) {
            int lineEnd = TextLines.skipBlank(text, lineStart, n);
            boolean blankLine = lineEnd > lineStart && (lineEnd == n || TextLines.isLineEnd(text.charAt(lineEnd)));
            while (lineEnd < n && !TextLines.isLineEnd(text.charAt(lineEnd))) {
                lineEnd++;
            }
            if (!blankLine && lineEnd > lineStart) {
                out.append(text, lineStart, lineEnd);
                newlines = 0;
            }
            if (lineEnd == n) {
                break;
            }
            char end = text.charAt(lineEnd);
            if (end != '\n') {
                out.append(end);
                newlines = 0;
            } else if (newlines < 2) {
                out.append('\n');
                newlines++;
            }
            lineStart = lineEnd + 1;
        }
        return out.toString().strip();
    }
}
