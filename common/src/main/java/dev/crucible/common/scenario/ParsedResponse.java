package dev.crucible.common.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern TAG = Pattern.compile("<\\s*(/?)\\s*scratchpad\\s*>", Pattern.CASE_INSENSITIVE);
    // compiled once: squeezing runs on every response, several times per trial
    private static final Pattern WHITESPACE_LINES = Pattern.compile("(?m)^[ \\t]+$");
    private static final Pattern BLANK_RUNS = Pattern.compile("\\n{3,}");

    public ParsedResponse {
        calls = List.copyOf(calls);
        problems = List.copyOf(problems);
    }

    public static ParsedResponse parse(String text) {
        String normal = TextLines.normalise(text);
        List<String> problems = new ArrayList<>();
        List<String> pads = new ArrayList<>();
        // Scratchpad characters are blanked rather than cut so that tool-call problems keep their true line.
        StringBuilder acting = new StringBuilder(normal);
        Matcher tag = TAG.matcher(normal);
        int openAt = -1;
        int bodyStart = 0;
        while (tag.find()) {
            boolean closing = !tag.group(1).isEmpty();
            if (!closing && openAt < 0) {
                openAt = tag.start();
                bodyStart = tag.end();
            } else if (closing && openAt >= 0) {
                pads.add(normal.substring(bodyStart, tag.start()).strip());
                blank(acting, openAt, tag.end());
                openAt = -1;
            } else if (closing) {
                problems.add("stray </scratchpad> at line " + TextLines.lineOf(normal, tag.start()) + " closes no scratchpad");
                blank(acting, tag.start(), tag.end());
            }
            // an opening tag inside an open scratchpad is just more private text
        }
        if (openAt >= 0) {
            problems.add("unclosed <scratchpad> at line " + TextLines.lineOf(normal, openAt));
            pads.add(normal.substring(bodyStart).strip());
            blank(acting, openAt, normal.length());
        }
        ToolCall.Parsed parsed = ToolCall.parse(acting.toString());
        problems.addAll(parsed.problems());
        return new ParsedResponse(String.join("\n\n", pads), squeeze(acting.toString()), parsed.calls(), problems);
    }

    public boolean hasScratchpad() {
        return !scratchpad.isEmpty();
    }

    private static void blank(StringBuilder text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) != '\n') {
                text.setCharAt(i, ' ');
            }
        }
    }

    /** The acting text without the blank lines and margins that blanking left behind. */
    private static String squeeze(String text) {
        return BLANK_RUNS.matcher(WHITESPACE_LINES.matcher(text).replaceAll("")).replaceAll("\n\n").strip();
    }
}
